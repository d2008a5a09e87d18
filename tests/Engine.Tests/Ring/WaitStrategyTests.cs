using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>One suite every wait strategy must pass; the concrete classes below pick the strategy.</summary>
public abstract class WaitStrategyContract
{
    protected abstract IWaitStrategy Create();

    [Fact]
    public void WaitFor_WhenAlreadyPublished_ReturnsTheAvailableSequence()
    {
        var sequencer = new SingleProducerSequencer(8, Create());
        SequenceBarrier barrier = sequencer.NewBarrier();
        sequencer.Publish(0, sequencer.Next(3));
        Assert.Equal(WaitOutcome.Available, barrier.WaitFor(1, out long available));
        Assert.Equal(2, available);
    }

    [Fact]
    public void WaitFor_ReturnsOnceAnotherThreadPublishes()
    {
        var sequencer = new SingleProducerSequencer(8, Create());
        SequenceBarrier barrier = sequencer.NewBarrier();
        WaitOutcome outcome = WaitOutcome.TimedOut;
        long available = -1;
        var consumer = new Thread(() =>
        {
            do
            {
                outcome = barrier.WaitFor(0, out available);
            }
            while (outcome == WaitOutcome.TimedOut); // a blocking strategy may time out first: wait again
        });
        consumer.Start();
        sequencer.Publish(sequencer.Next());
        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(WaitOutcome.Available, outcome);
        Assert.Equal(0, available);
    }

    [Fact]
    public void Alert_WakesAConsumerWaitingOnAnEmptyRing()
    {
        var sequencer = new SingleProducerSequencer(8, Create());
        SequenceBarrier barrier = sequencer.NewBarrier();
        WaitOutcome outcome = WaitOutcome.Available;
        var consumer = new Thread(() =>
        {
            do
            {
                outcome = barrier.WaitFor(0, out _);
            }
            while (outcome == WaitOutcome.TimedOut);
        });
        consumer.Start();
        barrier.Alert();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(WaitOutcome.Alerted, outcome);
    }

    [Fact]
    public void Processor_MovesEveryEventInOrder_AcrossManyLaps()
    {
        const int events = 10_000; // 150+ laps of a 64-slot ring; busy-spin on shared cores makes more slow
        IWaitStrategy wait = Create();
        var sequencer = new SingleProducerSequencer(64, wait);
        var ring = new RingBuffer<TestEvent>(64);
        var processor = new BatchEventProcessor<TestEvent, OrderCheckingHandler>(
            ring, sequencer.NewBarrier(), new OrderCheckingHandler(1));
        sequencer.AddGatingSequence(processor.Sequence);

        ProcessorExit exit = ProcessorExit.Faulted;
        var consumer = new Thread(() => exit = processor.Run());
        consumer.Start();
        for (long i = 0; i < events; i++)
        {
            long seq = sequencer.Next();
            ref TestEvent e = ref ring[seq];
            e.Sequence = seq;
            e.Value = i;
            sequencer.Publish(seq);
        }

        processor.HaltWhenDrained();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(ProcessorExit.Drained, exit);
        Assert.Equal(events, processor.Handler.Count);
        Assert.Equal(0, processor.Handler.Errors);
        Assert.Equal(events - 1, processor.Sequence.Value);
    }
}

public class BusySpinWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new BusySpinWaitStrategy();
}

public class YieldingWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new YieldingWaitStrategy();
}

public class SleepingWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new SleepingWaitStrategy();
}

public class BlockingWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new BlockingWaitStrategy(TimeSpan.FromMilliseconds(50));

    [Fact]
    public void WaitFor_WhenNothingIsPublished_TimesOutInsteadOfBlockingForever()
    {
        var sequencer = new SingleProducerSequencer(8, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(1)));
        SequenceBarrier barrier = sequencer.NewBarrier();
        Assert.Equal(WaitOutcome.TimedOut, barrier.WaitFor(0, out long available));
        Assert.Equal(-1, available);
    }
}
