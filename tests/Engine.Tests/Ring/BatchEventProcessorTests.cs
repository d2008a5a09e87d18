using Engine.Ring;
using Engine.Tests.Support;

namespace Engine.Tests.Ring;

/// <summary>
/// Single-threaded processor behaviour: events are published first and a drain is requested before
/// <c>Run</c>, so <c>Run</c> returns on the test thread once it has processed them.
/// </summary>
public class BatchEventProcessorTests
{
    private readonly SingleProducerSequencer _sequencer = new(128, new BusySpinWaitStrategy());
    private readonly RingBuffer<TestEvent> _ring = new(128);

    [Fact]
    public void Run_AfterDrainRequest_ProcessesEveryPublishedEventInOrderThenReturnsDrained()
    {
        var processor = NewOrderChecking();
        PublishEvents(100);

        processor.HaltWhenDrained();
        Assert.Equal(ProcessorExit.Drained, processor.Run());

        ref OrderCheckingHandler h = ref processor.Handler;
        Assert.Equal(100, h.Count);
        Assert.Equal(0, h.Errors);
        Assert.Equal(99, processor.Sequence.Value);
        Assert.Equal(1, h.Starts);
        Assert.Equal(1, h.Shutdowns);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void Run_DeliversOneBatch_WithEndOfBatchOnItsLastEvent()
    {
        var processor = NewOrderChecking();
        PublishEvents(10);
        processor.HaltWhenDrained();
        processor.Run();
        Assert.Equal(1, processor.Handler.EndOfBatchCount);
        Assert.Equal(10, processor.Handler.BatchEventsAnnounced);
    }

    [Fact]
    public void Run_WhenHaltedBeforeStart_ReturnsHaltedAndLeavesEventsUnprocessed()
    {
        var processor = NewOrderChecking();
        PublishEvents(5);
        processor.Halt();
        Assert.Equal(ProcessorExit.Halted, processor.Run());
        Assert.Equal(0, processor.Handler.Count);
        Assert.Equal(-1, processor.Sequence.Value);
        Assert.Equal(1, processor.Handler.Shutdowns);
    }

    [Fact]
    public void Run_CanBeRestarted_AndContinuesAfterItsLastSequence()
    {
        var processor = NewOrderChecking();
        PublishEvents(10);
        processor.HaltWhenDrained();
        processor.Run();
        PublishEvents(10, firstValue: 10);
        processor.HaltWhenDrained();
        Assert.Equal(ProcessorExit.Drained, processor.Run());
        Assert.Equal(20, processor.Handler.Count);
        Assert.Equal(0, processor.Handler.Errors);
        Assert.Equal(19, processor.Sequence.Value);
    }

    [Fact]
    public void ProcessorSequence_GatesTheProducer_UntilEventsAreProcessed()
    {
        var processor = NewOrderChecking();
        PublishEvents(128);
        Assert.False(_sequencer.TryNext(out _));
        processor.HaltWhenDrained();
        processor.Run();
        Assert.True(_sequencer.TryNext(out long next));
        Assert.Equal(128, next);
    }

    [Fact]
    public void Halt_FromAnotherThread_StopsAProcessorWaitingOnAnEmptyRing()
    {
        var processor = NewOrderChecking();
        PublishEvents(3);
        ProcessorExit exit = ProcessorExit.Drained;
        var consumer = new Thread(() => exit = processor.Run());
        consumer.Start();
        Assert.True(Deadline.WaitUntil(() => processor.Sequence.Value == 2, TimeSpan.FromSeconds(30)));

        processor.Halt();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(ProcessorExit.Halted, exit);
        Assert.Equal(3, processor.Handler.Count);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void HaltWhenDrained_WhileRunning_ProcessesEverythingPublishedBeforeIt()
    {
        var processor = NewOrderChecking();
        ProcessorExit exit = ProcessorExit.Halted;
        var consumer = new Thread(() => exit = processor.Run());
        consumer.Start();
        for (int i = 0; i < 20; i++)
        {
            PublishEvents(100, firstValue: i * 100L); // 2000 events through 128 slots: the consumer must keep up
        }

        processor.HaltWhenDrained();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(ProcessorExit.Drained, exit);
        Assert.Equal(2000, processor.Handler.Count);
        Assert.Equal(0, processor.Handler.Errors);
        Assert.Equal(1999, processor.Sequence.Value);
    }

    [Fact]
    public void HandlerFault_UnderSkipPolicy_IsReportedWithItsSequenceAndTheRestAreProcessed()
    {
        var faults = new List<ProcessorFault>();
        var processor = new BatchEventProcessor<TestEvent, FaultyHandler>(
            _ring, _sequencer.NewBarrier(), new FaultyHandler { ThrowAt = 5, AlsoThrowAt = 7 },
            HandlerFaultPolicy.SkipEvent, faults.Add);
        _sequencer.AddGatingSequence(processor.Sequence);
        PublishEvents(20);

        processor.HaltWhenDrained();
        Assert.Equal(ProcessorExit.Drained, processor.Run());

        Assert.Equal([5L, 7L], faults.Select(f => f.Sequence));
        Assert.All(faults, f => Assert.IsType<InvalidOperationException>(f.Exception));
        Assert.Equal(2, processor.FaultCount);
        Assert.Equal(18, processor.Handler.Processed);
        Assert.Equal((19 * 20 / 2) - 5 - 7, processor.Handler.SumOfSequences);
        Assert.Equal(19, processor.Sequence.Value);
    }

    [Fact]
    public void HandlerFault_UnderHaltPolicy_StopsBeforeTheFaultingEvent()
    {
        var processor = new BatchEventProcessor<TestEvent, FaultyHandler>(
            _ring, _sequencer.NewBarrier(), new FaultyHandler { ThrowAt = 5, AlsoThrowAt = -100 });
        _sequencer.AddGatingSequence(processor.Sequence);
        PublishEvents(20);

        processor.HaltWhenDrained();
        Assert.Equal(ProcessorExit.Faulted, processor.Run());

        Assert.Equal(5, processor.LastFault?.Sequence);
        Assert.Equal(1, processor.FaultCount);
        Assert.Equal(5, processor.Handler.Processed); // 0..4
        Assert.Equal(4, processor.Sequence.Value); // 5 is not done: producers stay gated on it
        Assert.Equal(1, processor.Handler.Shutdowns);
    }

    [Fact]
    public void StartFault_IsReportedAndTheProcessorReturnsFaulted()
    {
        var processor = new BatchEventProcessor<TestEvent, FaultyHandler>(
            _ring, _sequencer.NewBarrier(), new FaultyHandler { ThrowOnStart = true, ThrowAt = -100, AlsoThrowAt = -100 });
        PublishEvents(3);
        processor.HaltWhenDrained();
        Assert.Equal(ProcessorExit.Faulted, processor.Run());
        Assert.Equal(-1, processor.LastFault?.Sequence);
        Assert.Equal(0, processor.Handler.Processed);
        Assert.Equal(1, processor.Handler.Shutdowns);
    }

    /// <summary>A consumer on a barrier with its own wait strategy (the gateway's) sees every event in order; a blocking one is refused, since producers never signal it.</summary>
    [Fact]
    public void Barrier_WithItsOwnWaitStrategy_DeliversEverything_AndABlockingOneIsRefused()
    {
        var processor = new BatchEventProcessor<TestEvent, OrderCheckingHandler>(
            _ring, _sequencer.NewBarrier(new YieldingWaitStrategy()), new OrderCheckingHandler(1));
        _sequencer.AddGatingSequence(processor.Sequence);
        PublishEvents(50);
        processor.HaltWhenDrained();
        Assert.Equal(ProcessorExit.Drained, processor.Run());
        Assert.Equal((50, 0), (processor.Handler.Count, processor.Handler.Errors));
        Assert.Throws<ArgumentException>(() => _sequencer.NewBarrier(new BlockingWaitStrategy()));
    }

    private BatchEventProcessor<TestEvent, OrderCheckingHandler> NewOrderChecking()
    {
        var processor = new BatchEventProcessor<TestEvent, OrderCheckingHandler>(
            _ring, _sequencer.NewBarrier(), new OrderCheckingHandler(1));
        _sequencer.AddGatingSequence(processor.Sequence);
        return processor;
    }

    private void PublishEvents(int count, long firstValue = 0)
    {
        long hi = _sequencer.Next(count);
        long lo = hi - count + 1;
        for (long seq = lo; seq <= hi; seq++)
        {
            ref TestEvent e = ref _ring[seq];
            e.Sequence = seq;
            e.Producer = 0;
            e.Value = firstValue + (seq - lo);
        }

        _sequencer.Publish(lo, hi);
    }
}
