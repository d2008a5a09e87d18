using Engine.Interop;
using Engine.Metrics;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>
/// The machine's floor: the same paced injector, the same input ring (single-producer sequencer, same size and wait
/// strategy, one slot per claim), the same two pinned CPUs and the same priority as the pipeline run, but an engine thread with empty
/// stages. What it measures is what the VM, the clock and the ring cost before any trading logic runs.
/// </summary>
internal sealed class FloorRig
{
    private readonly PipelineRuntime _runtime;
    private readonly RingBuffer<EngineEvent> _ring;
    private readonly SingleProducerSequencer _sequencer;
    private readonly BatchEventProcessor<EngineEvent, FloorHandler> _processor;
    private readonly List<string> _warnings = [];

    public FloorRig(PipelineRuntime runtime, long warmupEvents)
    {
        _runtime = runtime;
        _ring = new RingBuffer<EngineEvent>(runtime.InputRingSize);
        _sequencer = new SingleProducerSequencer(runtime.InputRingSize, WaitStrategies.Create(runtime.EngineWait));
        Latency = new Histogram(1, 60L * 1_000_000_000, 3);
        _processor = new BatchEventProcessor<EngineEvent, FloorHandler>(
            _ring, _sequencer.NewBarrier(), new FloorHandler(Latency, warmupEvents));
        _sequencer.AddGatingSequences([_processor.Sequence]);
    }

    /// <summary>completion − intended start of every trade after warm-up, in ns.</summary>
    public Histogram Latency { get; }

    public IReadOnlyList<string> Warnings => _warnings;

    public long RingFullCount => _sequencer.RingFullCount;

    /// <summary>Injects the whole feed, then an end marker, and returns once the consumer has seen everything.</summary>
    public void Run(FixedRatePacedFeed feed)
    {
        var consumer = new Thread(() =>
        {
            Pin(_runtime.EngineCpu, "floor engine");
            if (_runtime.RealtimePriority > 0 && !ThreadAffinity.TryRaiseToRealtimePriority(_runtime.RealtimePriority, out string? rtError))
            {
                lock (_warnings)
                {
                    _warnings.Add($"floor engine thread real-time priority not granted: {rtError}");
                }
            }

            _processor.Run();
        }) { Name = "floor-engine", IsBackground = true };
        long last = -1;
        var producer = new Thread(() =>
        {
            Pin(_runtime.FeedCpu, "floor feed");
            last = Inject(feed);
        }) { Name = "floor-feed", IsBackground = true };

        consumer.Start();
        producer.Start();
        producer.Join();
        var spinner = default(SpinWait);
        while (_processor.Sequence.Value < last)
        {
            spinner.SpinOnce(sleep1Threshold: 20);
        }

        _processor.Halt();
        consumer.Join();
    }

    // The pipeline's feed loop with a batch of one: claim, fill (the paced feed spins until the intended time), publish.
    private long Inject(FixedRatePacedFeed feed)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            if (!_sequencer.TryNext(1, out long s))
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            ref EngineEvent slot = ref _ring[s];
            if (!feed.TryReadNext(ref slot))
            {
                slot.Kind = EventKind.EndOfStream;
                slot.ReceivedTimestamp = EngineClock.Timestamp();
                _sequencer.Publish(s);
                return s;
            }

            _sequencer.Publish(s);
        }
    }

    private void Pin(int cpu, string thread)
    {
        if (cpu >= 0 && !ThreadAffinity.TryPinCurrentThread(cpu, out string? error))
        {
            lock (_warnings)
            {
                _warnings.Add($"{thread} thread not pinned: {error}");
            }
        }
    }
}
