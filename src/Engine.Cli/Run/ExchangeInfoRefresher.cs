using System.Globalization;
using Engine.Binance.ExchangeInfo;
using Engine.Model;

namespace Engine.Cli.Run;

/// <summary>
/// Re-reads exchangeInfo every period while a live run goes on, on a task of its own (never the engine thread). The
/// run's lanes keep the filters they started with; a refresh that finds a traded symbol's filters, status or the
/// venue's rate limits changed says so (<see cref="Changes"/>, in the report), and <see cref="Current"/> is the latest
/// document for whoever needs the venue's present rules. A failed refresh is counted and the last good document kept.
/// </summary>
public sealed class ExchangeInfoRefresher : IAsyncDisposable
{
    private const int MaxChanges = 100;

    private readonly Func<CancellationToken, Task<ExchangeInfoDocument>> _fetch;
    private readonly IReadOnlyList<string> _symbols;
    private readonly TimeSpan _period;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _changes = [];
    private Task? _loop;
    private ExchangeInfoDocument _current;
    private long _refreshes;
    private long _failures;
    private string? _lastError;

    public ExchangeInfoRefresher(ExchangeInfoDocument initial, IReadOnlyList<string> symbols, TimeSpan period,
        Func<CancellationToken, Task<ExchangeInfoDocument>> fetch, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _current = initial;
        _symbols = symbols;
        _period = period;
        _fetch = fetch;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The latest document read (the start-up one until a refresh succeeds); any thread.</summary>
    public ExchangeInfoDocument Current => Volatile.Read(ref _current);

    /// <summary>Refreshes that read a document.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>Refreshes that failed (the last good document stays current).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>What refreshes found changed for the run's symbols and in the rate limits, each with its UTC time.</summary>
    public IReadOnlyList<string> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public void Start() => _loop ??= Task.Run(LoopAsync);

    /// <summary>One refresh now (the loop calls it every period; tests call it directly).</summary>
    public async Task RefreshOnceAsync(CancellationToken cancel)
    {
        ExchangeInfoDocument next;
        try
        {
            next = await _fetch(cancel).ConfigureAwait(false);
        }
        catch (ExchangeInfoUnavailableException e)
        {
            Interlocked.Increment(ref _failures);
            Volatile.Write(ref _lastError, e.Message);
            return;
        }

        ExchangeInfoDocument previous = Current;
        string at = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        List<string> found = Compare(previous, next);
        lock (_changes)
        {
            foreach (string change in found)
            {
                if (_changes.Count < MaxChanges)
                {
                    _changes.Add($"{at} {change}");
                }
            }
        }

        Volatile.Write(ref _current, next);
        Interlocked.Increment(ref _refreshes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await RefreshOnceAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the run is over
        }
    }

    /// <summary>What differs for the run's symbols (status, filters) and in the rate limits; the run keeps its start-up filters.</summary>
    private List<string> Compare(ExchangeInfoDocument before, ExchangeInfoDocument after)
    {
        var changes = new List<string>();
        foreach (string name in _symbols)
        {
            before.Symbols.TryGetValue(name, out ExchangeInfoSymbol? old);
            if (!after.Symbols.TryGetValue(name, out ExchangeInfoSymbol? now))
            {
                if (old is not null)
                {
                    changes.Add($"{name}: no longer listed (the run keeps trading on its start-up filters)");
                }

                continue;
            }

            if (old is null)
            {
                continue;
            }

            if (old.Status != now.Status)
            {
                changes.Add($"{name}: status {old.Status} -> {now.Status}");
            }

            foreach (string field in FilterDifferences(old.Filters, now.Filters))
            {
                changes.Add($"{name}: {field} (the run keeps its start-up filters)");
            }
        }

        string oldLimits = string.Join(", ", before.RateLimits);
        string newLimits = string.Join(", ", after.RateLimits);
        if (oldLimits != newLimits)
        {
            changes.Add($"rate limits: [{oldLimits}] -> [{newLimits}]");
        }

        return changes;
    }

    private static IEnumerable<string> FilterDifferences(SymbolFilters a, SymbolFilters b)
    {
        (string Name, long Before, long After)[] fields =
        [
            ("tickSize", a.TickSize.E8, b.TickSize.E8), ("minPrice", a.MinPrice.E8, b.MinPrice.E8), ("maxPrice", a.MaxPrice.E8, b.MaxPrice.E8),
            ("stepSize", a.StepSize.E8, b.StepSize.E8), ("minQty", a.MinQty.E8, b.MinQty.E8), ("maxQty", a.MaxQty.E8, b.MaxQty.E8),
            ("market stepSize", a.MarketStepSize.E8, b.MarketStepSize.E8), ("market minQty", a.MarketMinQty.E8, b.MarketMinQty.E8),
            ("market maxQty", a.MarketMaxQty.E8, b.MarketMaxQty.E8), ("notional", a.MinNotional.E8, b.MinNotional.E8),
            ("multiplierUp", a.MultiplierUpE8, b.MultiplierUpE8), ("multiplierDown", a.MultiplierDownE8, b.MultiplierDownE8),
        ];
        return fields.Where(f => f.Before != f.After).Select(f => $"{f.Name} {FixedPoint.ToString(f.Before)} -> {FixedPoint.ToString(f.After)}");
    }
}
