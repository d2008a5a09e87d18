using Engine.Ring;

namespace Engine.Tests.Ring;

public class SequenceBarrierTests
{
    [Fact]
    public void WaitFor_ReturnsTheHighestPublishedSequence()
    {
        var sequencer = new SingleProducerSequencer(16, new BusySpinWaitStrategy());
        SequenceBarrier barrier = sequencer.NewBarrier();
        sequencer.Publish(0, sequencer.Next(5));
        Assert.Equal(WaitOutcome.Available, barrier.WaitFor(2, out long available));
        Assert.Equal(4, available);
    }

    [Fact]
    public void WaitFor_WithUpstreamConsumers_NeverPassesTheSlowestOfThem()
    {
        var sequencer = new SingleProducerSequencer(16, new BusySpinWaitStrategy());
        var gateway = new Sequence(6);
        var journal = new Sequence(3);
        SequenceBarrier downstream = sequencer.NewBarrier([gateway, journal]);
        sequencer.Publish(0, sequencer.Next(10));

        Assert.Equal(WaitOutcome.Available, downstream.WaitFor(0, out long available));
        Assert.Equal(3, available);
        journal.Value = 9;
        Assert.Equal(WaitOutcome.Available, downstream.WaitFor(4, out available));
        Assert.Equal(6, available);
    }

    [Fact]
    public void Alert_MakesWaitForReturnAlerted_UntilCleared()
    {
        var sequencer = new SingleProducerSequencer(16, new BusySpinWaitStrategy());
        SequenceBarrier barrier = sequencer.NewBarrier();
        sequencer.Publish(sequencer.Next());

        barrier.Alert();
        Assert.True(barrier.IsAlerted);
        Assert.Equal(WaitOutcome.Alerted, barrier.WaitFor(0, out _));

        barrier.ClearAlert();
        Assert.Equal(WaitOutcome.Available, barrier.WaitFor(0, out long available));
        Assert.Equal(0, available);
    }
}
