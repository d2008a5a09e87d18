using Engine.Model;
using Engine.Sim.Faults;

namespace Engine.Sim.Market;

/// <summary>
/// The thread that plays the tape: holds at the first trade until the tape clock starts (first market-data
/// subscription, or at once with <c>--no-wait</c>), then, step by step in tape time × speed, hands each trade to the
/// trading side (<see cref="SimExchange.OnTapeTrade"/>) before its frames go out, and queues the frames to the
/// sockets subscribed to them. The market faults are decided here, on tape time, reading the current
/// <see cref="SimFaults.Market"/> section at every step (the admin endpoint may replace it).
/// </summary>
internal sealed class MarketPlayer : IDisposable
{
    public const string Disconnect = "Market:DisconnectEverySeconds";
    public const string Skip = "Market:SkipEverySeconds";
    public const string Stall = "Market:StallMs";
    public const string Duplicate = "Market:DuplicateRate";

    private readonly MarketService _market;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Random _random = new(15);
    private readonly int[] _skipRemaining;
    private readonly List<(string Symbol, long Id)> _skipped = [];
    private FaultClock _disconnect;
    private FaultClock _skip;
    private FaultClock _stall;

    public MarketPlayer(MarketService market)
    {
        _market = market;
        _skipRemaining = new int[market.Symbols.Count];
        _thread = new Thread(Run) { IsBackground = true, Name = "sim-market-player" };
    }

    /// <summary>Steps played so far (tests, report).</summary>
    public int StepsPlayed { get; private set; }

    /// <summary>The aggTrade ids the skip fault omitted, per symbol, in order.</summary>
    public IReadOnlyList<(string Symbol, long Id)> SkippedAggregates
    {
        get
        {
            lock (_skipped)
            {
                return [.. _skipped];
            }
        }
    }

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive && _thread != Thread.CurrentThread)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _stop.Dispose();
    }

    private void Run()
    {
        SimExchange exchange = _market.Exchange;
        CancellationToken stop = _stop.Token;
        try
        {
            exchange.Clock.Started.Wait(stop);
            ReadOnlySpan<Trade> trades = exchange.Tape.Trades;
            MarketFrame[] frames = _market.Store.Frames;
            foreach (PlayStep step in _market.Store.Steps)
            {
                WaitFor(step.TapeMs, stop);
                InjectTimedFaults(step.TapeMs, stop);
                if (step.TradeIndex >= 0)
                {
                    exchange.OnTapeTrade(in trades[step.TradeIndex]);
                }

                for (int f = step.FrameStart; f < step.FrameEnd; f++)
                {
                    Play(frames[f], exchange.Faults.Market);
                }

                StepsPlayed++;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        exchange.MarkTapeEnded();
    }

    private void WaitFor(long tapeMs, CancellationToken stop)
    {
        TimeSpan delay = _market.Exchange.Clock.WallDelayUntil(tapeMs);
        if (delay.TotalMilliseconds >= 1)
        {
            stop.WaitHandle.WaitOne(delay);
        }

        stop.ThrowIfCancellationRequested();
    }

    private void Play(MarketFrame frame, MarketFaults faults)
    {
        if (frame.Kind == StreamKind.AggTrade && _skipRemaining[frame.Symbol] > 0)
        {
            _skipRemaining[frame.Symbol]--;
            lock (_skipped)
            {
                _skipped.Add((_market.Symbols[frame.Symbol].Name, _market.Store.Aggregates[frame.Symbol][frame.AggIndex].Id));
            }

            _market.Exchange.FaultsInjected.Count(Skip);
            _market.Played(frame);
            return;
        }

        int copies = faults.DuplicateRate > 0 && _random.NextDouble() < faults.DuplicateRate ? 2 : 1;
        int delivered = _market.Hub.Dispatch(frame, copies);
        if (copies == 2 && delivered > 0)
        {
            _market.Exchange.FaultsInjected.Count(Duplicate, delivered);
        }

        _market.Played(frame);
    }

    /// <summary>The faults due every N seconds of tape time.</summary>
    private void InjectTimedFaults(long tapeMs, CancellationToken stop)
    {
        MarketFaults faults = _market.Exchange.Faults.Market;
        if (_disconnect.Due(faults.DisconnectEverySeconds, tapeMs))
        {
            _market.Hub.DropAll("dropped by the " + Disconnect + " fault", n => _market.Exchange.FaultsInjected.Count(Disconnect, n));
        }

        if (_skip.Due(faults.SkipEverySeconds, tapeMs))
        {
            Array.Fill(_skipRemaining, Math.Max(1, faults.SkipCount));
        }

        if (faults.StallMs > 0 && _stall.Due(faults.StallEverySeconds, tapeMs))
        {
            _market.Exchange.FaultsInjected.Count(Stall);
            stop.WaitHandle.WaitOne(faults.StallMs);
        }
    }

    /// <summary>When a fault that repeats every N tape seconds is next due; restarts when N changes (admin endpoint).</summary>
    private struct FaultClock
    {
        private double _every;
        private long _nextMs;

        public bool Due(double everySeconds, long tapeMs)
        {
            if (!(everySeconds > 0))
            {
                _every = 0;
                return false;
            }

            long period = Math.Max(1, (long)(everySeconds * 1000));
            if (everySeconds != _every)
            {
                _every = everySeconds;
                _nextMs = tapeMs + period;
                return false;
            }

            if (tapeMs < _nextMs)
            {
                return false;
            }

            _nextMs += period * (((tapeMs - _nextMs) / period) + 1);
            return true;
        }
    }
}
