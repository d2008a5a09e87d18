using Engine.Binance.ExchangeInfo;
using Engine.Cli.Configuration;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>The one place where the validated configuration becomes the pipeline's options and runtime.</summary>
public static class PipelineSetup
{
    public static PipelineOptions ToPipelineOptions(EngineOptions options, bool paced) =>
        ToPipelineOptions(options, paced, [ToSymbolSetup(options)]);

    /// <summary>The options of a run over <paramref name="symbols"/> (a lane each, in this order: symbol id = index).</summary>
    public static PipelineOptions ToPipelineOptions(EngineOptions options, bool paced, IReadOnlyList<SymbolSetup> symbols)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pipeline = new PipelineOptions
        {
            Symbols = symbols,
            IntervalMs = options.Run.IntervalSeconds * 1000L,
            Signal = options.Run.Signal,
            DeltaScout = options.DeltaScout,
            VolumeSignal = options.VolumeSignal,
            Probe = options.Probe,
            Risk = options.Risk,
            OrderManager = options.OrderManager,
            Paper = options.Paper,
            StartingEquity = options.Run.StartingEquity,
            LatencySampleEvery = paced ? 1 : options.Runtime.LatencySampleEvery,
        };
        IReadOnlyList<string> errors = pipeline.Validate();
        if (errors.Count > 0)
        {
            throw new ConfigurationException("invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors)) { Errors = [.. errors] };
        }

        return pipeline;
    }

    public static PipelineRuntime ToPipelineRuntime(EngineOptions options, bool paced)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuntimeOptions r = options.Runtime;
        return new PipelineRuntime
        {
            EngineCpu = r.EngineCpu,
            FeedCpu = r.FeedCpu,
            JournalCpu = r.JournalCpu,
            EngineWait = r.WaitStrategy,
            InputRingSize = r.InputRingSize,
            OutputRingSize = r.OutputRingSize,
            RealtimePriority = r.RealtimePriority,
            WarmupEvents = r.WarmupEvents,

            // Paced: each event enters the process when its time comes, so it is published on its own.
            FeedBatch = paced ? 1 : 256,
        };
    }

    /// <summary>The symbol's filters from the exchangeInfo file when configured, otherwise from the Symbol section.</summary>
    public static SymbolSetup ToSymbolSetup(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SymbolOptions s = options.Symbol;
        string name = s.Name.ToUpperInvariant();
        SymbolFilters filters;
        if (options.Run.ExchangeInfo is string path)
        {
            ExchangeInfoDocument document;
            try
            {
                document = ExchangeInfoLoader.LoadFile(path);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
            {
                throw new ConfigurationException($"Run:ExchangeInfo = '{path}': {ex.Message}");
            }

            if (!document.TryGetFilters(name, out filters))
            {
                throw new ConfigurationException($"Symbol:Name = '{name}': not in Run:ExchangeInfo '{path}' (allowed: a symbol that file lists)");
            }
        }
        else
        {
            Price tick = new(ToE8(s.TickSize));
            Quantity step = new(ToE8(s.StepSize));
            Quantity minQty = new(ToE8(s.MinQty));
            filters = new SymbolFilters
            {
                TickSize = tick, MinPrice = tick, MaxPrice = new Price(0),
                StepSize = step, MinQty = minQty, MaxQty = new Quantity(long.MaxValue / 4),
                MarketStepSize = step, MarketMinQty = minQty, MarketMaxQty = new Quantity(long.MaxValue / 4),
                MinNotional = Money.FromDecimal(s.MinNotional),
            };
        }

        return new SymbolSetup { Name = name, Filters = filters, BarSize = s.BarSize, DollarBars = s.DollarBars };
    }

    private static long ToE8(decimal value) => (long)decimal.Round(value * FixedPoint.Scale, MidpointRounding.ToEven);
}
