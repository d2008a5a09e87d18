using Engine.Market;
using Engine.Market.Indicators;
using Engine.Model;
using Engine.Signals;

namespace Engine.Pipeline;

/// <summary>
/// One symbol's stages and bookkeeping on the engine thread: aggregation, volume bars, the indicators on bars (and an
/// ATR on rows for DeltaScout sizing) and the signals. Positions and their round trips are the OMS's.
/// </summary>
internal sealed class SymbolLane
{
    public SymbolLane(SymbolId id, SymbolSetup setup, PipelineOptions options)
    {
        Id = id;
        Setup = setup;
        Filters = setup.Filters;
        Aggregator = new TimeAggregator(id, options.IntervalMs);
        Bars = setup.DollarBars
            ? VolumeBarBuilder.ForQuoteVolume(id, Money.FromDecimal(setup.BarSize))
            : VolumeBarBuilder.ForBaseVolume(id, Quantity.FromDecimal(setup.BarSize));
        VolumeSignalOptions v = options.VolumeSignal;
        EmaFast = new ExponentialMovingAverage(v.EmaFast);
        EmaSlow = new ExponentialMovingAverage(v.EmaSlow);
        Rsi = new RelativeStrengthIndex(v.RsiPeriod);
        Bollinger = new BollingerBands(v.BbPeriod, v.BbDeviations);
        BarAtr = new AverageTrueRange(v.AtrPeriod);
        RowAtr = new AverageTrueRange(v.AtrPeriod);
        RowSwing = new SwingRange(options.Risk.SwingLookback);
        Scout = new DeltaScoutDetector(options.DeltaScout);
        BarSignal = new VolumeBarSignal(v);
        Probe = new LatencyProbe(options.Probe, setup.Filters);
    }

    public SymbolId Id { get; }

    public SymbolSetup Setup { get; }

    public SymbolFilters Filters { get; }

    public TimeAggregator Aggregator { get; }

    public VolumeBarBuilder Bars { get; }

    public ExponentialMovingAverage EmaFast { get; }

    public ExponentialMovingAverage EmaSlow { get; }

    public RelativeStrengthIndex Rsi { get; }

    public BollingerBands Bollinger { get; }

    public AverageTrueRange BarAtr { get; }

    /// <summary>ATR over closed time rows (high, low, close), for sizing DeltaScout entries on the same timeframe.</summary>
    public AverageTrueRange RowAtr { get; }

    /// <summary>Lowest low and highest high of the last SWING_LOOKBACK closed rows: the swing stop.</summary>
    public SwingRange RowSwing { get; }

    public DeltaScoutDetector Scout { get; }

    public VolumeBarSignal BarSignal { get; }

    public LatencyProbe Probe { get; }

    public Price LastTradePrice;

    /// <summary>The venue's mark price (<see cref="EventKind.MarkPrice"/>); zero until the first one.</summary>
    public Price MarkPrice;

    /// <summary>Event time this symbol's last position closed (0: none yet), for the per-symbol cooldown.</summary>
    public long LastCloseMs;

    /// <summary>Updates the bar indicators with a closed bar and returns their values (NaN while warming up).</summary>
    public IndicatorValues UpdateIndicators(in VolumeBar bar)
    {
        double close = bar.Close.ToDouble();
        EmaFast.Update(close);
        EmaSlow.Update(close);
        Rsi.Update(close);
        Bollinger.Update(close);
        BarAtr.Update(bar.High.ToDouble(), bar.Low.ToDouble(), close);
        return new IndicatorValues
        {
            EmaFast = EmaFast.IsReady ? EmaFast.Value : double.NaN,
            EmaSlow = EmaSlow.IsReady ? EmaSlow.Value : double.NaN,
            Rsi = Rsi.IsReady ? Rsi.Value : double.NaN,
            BbUpper = Bollinger.Upper,
            BbMiddle = Bollinger.Middle,
            BbLower = Bollinger.Lower,
            Atr = BarAtr.Value,
        };
    }
}
