using Engine.Ring;

namespace Engine.Tests.Ring;

public class SingleProducerSequencerTests : SequencerContract
{
    protected override Sequencer Create(int bufferSize) => new SingleProducerSequencer(bufferSize, new YieldingWaitStrategy());

    [Fact]
    public void Constructor_WhenBufferSizeNotPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingleProducerSequencer(6, new BusySpinWaitStrategy()));

    [Fact]
    public void Cursor_MovesOnPublishNotOnClaim()
    {
        var sequencer = new SingleProducerSequencer(8, new BusySpinWaitStrategy());
        long hi = sequencer.Next(3);
        Assert.Equal(-1, sequencer.Cursor.Value);
        sequencer.Publish(0, hi);
        Assert.Equal(2, sequencer.Cursor.Value);
    }
}
