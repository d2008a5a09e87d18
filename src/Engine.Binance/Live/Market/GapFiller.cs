using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// Runs each symbol's backfill off the receive path: asks <see cref="IAggTradeHistory"/> for the ids after the last
/// one released, hands every page to the <see cref="TradeSequencer"/>, and repeats until the sequence meets the live
/// stream. 429/418 pause every backfill for the server's Retry-After (rate limits are per IP); 5xx and network faults
/// are retried with jittered back-off; a gap REST cannot fill (refused, retries or patience exhausted) is given up
/// and reported. One task per recovering symbol; a symbol never has two.
/// </summary>
internal sealed class GapFiller
{
    private readonly TradeSequencer _sequencer;
    private readonly IAggTradeHistory _history;
    private readonly MarketFeedOptions _options;
    private readonly FeedStatistics _stats;
    private readonly CancellationToken _stop;
    private readonly ReconnectBackoff _backoff;
    private readonly List<Task> _running = [];
    private long _pausedUntilTicks; // Environment.TickCount64 before which no request is sent (a 429's Retry-After)

    public GapFiller(TradeSequencer sequencer, IAggTradeHistory history, MarketFeedOptions options, FeedStatistics stats, CancellationToken stop)
    {
        _sequencer = sequencer;
        _history = history;
        _options = options;
        _stats = stats;
        _stop = stop;
        _backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), options.JitterSeed);
    }

    /// <summary>Called under the sequencer's lock when <paramref name="state"/> starts recovering: the work goes to the thread pool.</summary>
    public void Start(SymbolFeedState state)
    {
        Task task = Task.Run(() => RunAsync(state), CancellationToken.None);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    /// <summary>Waits for every backfill to end (after the stop token fired).</summary>
    public Task DrainAsync()
    {
        lock (_running)
        {
            return Task.WhenAll(_running);
        }
    }

    private async Task RunAsync(SymbolFeedState state)
    {
        var page = new List<Trade>(_options.BackfillLimit);
        int failures = 0, empty = 0;
        long rateLimitedSince = -1;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                long fromId = _sequencer.NextBackfillId(state);
                if (fromId < 0)
                {
                    return;
                }

                await WaitForPauseAsync().ConfigureAwait(false);
                page.Clear();
                _stats.BackfillRequest();
                HistoryAnswer answer = await _history.FetchAsync(state.Name, state.Id, fromId, _options.BackfillLimit, page, _stop).ConfigureAwait(false);
                switch (answer.Outcome)
                {
                    case HistoryOutcome.Ok:
                        failures = 0;
                        rateLimitedSince = -1;
                        RecoveryStep step = _sequencer.ApplyPage(state, page, _options.BackfillLimit);
                        if (step == RecoveryStep.Done)
                        {
                            return;
                        }

                        if (step == RecoveryStep.NothingNew)
                        {
                            if (++empty > _options.BackfillEmptyRetries)
                            {
                                _sequencer.GiveUp(state);
                                return;
                            }

                            await Task.Delay(_backoff.Delay(empty - 1), _stop).ConfigureAwait(false);
                        }
                        else
                        {
                            empty = 0;
                        }

                        break;
                    case HistoryOutcome.RateLimited:
                        _stats.BackfillRateLimited();
                        rateLimitedSince = rateLimitedSince < 0 ? Environment.TickCount64 : rateLimitedSince;
                        if (Environment.TickCount64 - rateLimitedSince + answer.RetryAfter.TotalMilliseconds > _options.BackfillGiveUpAfter.TotalMilliseconds)
                        {
                            _sequencer.GiveUp(state);
                            return;
                        }

                        Pause(answer.RetryAfter);
                        break;
                    case HistoryOutcome.Unavailable:
                        _stats.BackfillUnavailable();
                        if (++failures > _options.BackfillMaxRetries)
                        {
                            _sequencer.GiveUp(state);
                            return;
                        }

                        await Task.Delay(Max(_backoff.Delay(failures - 1), answer.RetryAfter), _stop).ConfigureAwait(false);
                        break;
                    default:
                        _sequencer.GiveUp(state);
                        return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the feed is stopping
        }
    }

    private void Pause(TimeSpan retryAfter)
    {
        long until = Environment.TickCount64 + (long)Math.Max(50, retryAfter.TotalMilliseconds);
        long seen = Volatile.Read(ref _pausedUntilTicks);
        while (until > seen)
        {
            long was = Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    private async Task WaitForPauseAsync()
    {
        long wait = Volatile.Read(ref _pausedUntilTicks) - Environment.TickCount64;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), _stop).ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
