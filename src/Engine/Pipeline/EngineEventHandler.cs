using Engine.Model;
using Engine.Ring;

namespace Engine.Pipeline;

/// <summary>The engine thread's input-ring consumer: hands each slot, by reference, to the trading engine.</summary>
public readonly struct EngineEventHandler : IEventHandler<EngineEvent>
{
    private readonly TradingEngine<OutputRingSink> _engine;
    private readonly EngineThreadSetup _setup;
    private readonly long _warmupEvents;

    public EngineEventHandler(TradingEngine<OutputRingSink> engine, EngineThreadSetup setup, long warmupEvents)
    {
        _engine = engine;
        _setup = setup;
        _warmupEvents = warmupEvents;
    }

    public void OnStart() => _setup.OnEngineThreadStart();

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref EngineEvent evt, long sequence, bool endOfBatch)
    {
        _engine.OnEvent(ref evt);
        if (sequence + 1 == _warmupEvents)
        {
            // Warm-up over: what follows is what the latency report and the allocation figure describe.
            _engine.Latency.RestartAfterWarmup();
            _setup.MarkWarm();
        }

        if (evt.Kind == EventKind.EndOfStream)
        {
            _setup.MarkEndOfStream();
        }
    }

    public void OnShutdown() => _setup.OnEngineThreadStop();
}
