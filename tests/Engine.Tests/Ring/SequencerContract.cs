using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>The behaviour every sequencer shares; each concrete sequencer runs this suite.</summary>
public abstract class SequencerContract
{
    protected abstract Sequencer Create(int bufferSize);

    [Fact]
    public void Next_ClaimsConsecutiveSequencesFromZero()
    {
        Sequencer sequencer = Create(16);
        Assert.Equal(0, sequencer.Next());
        Assert.Equal(1, sequencer.Next());
        Assert.Equal(5, sequencer.Next(4)); // 2..5
        Assert.True(sequencer.TryNext(out long s));
        Assert.Equal(6, s);
        Assert.True(sequencer.TryNext(3, out long hi));
        Assert.Equal(9, hi);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(17)]
    public void Next_WhenClaimSizeOutOfRange_Throws(int n)
    {
        Sequencer sequencer = Create(16);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.Next(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.TryNext(n, out _));
    }

    [Fact]
    public void TryNext_OnFullRing_ReturnsFalseAndCounts_UntilTheConsumerMoves()
    {
        Sequencer sequencer = Create(4);
        var consumer = new Sequence();
        sequencer.AddGatingSequence(consumer);

        sequencer.Publish(0, sequencer.Next(4)); // ring full: 0..3 unconsumed
        Assert.False(sequencer.TryNext(out long none));
        Assert.Equal(-1, none);
        Assert.False(sequencer.TryNext(2, out _));
        Assert.Equal(2, sequencer.RingFullCount);

        consumer.Value = 1; // consumed 0 and 1: two slots free
        Assert.True(sequencer.TryNext(2, out long hi));
        Assert.Equal(5, hi);
        Assert.False(sequencer.TryNext(out _));
        Assert.Equal(3, sequencer.RingFullCount);
    }

    [Fact]
    public void Publish_MakesTheSequenceAvailable_UntilTheNextLapOverwritesIt()
    {
        Sequencer sequencer = Create(4);
        var consumer = new Sequence();
        sequencer.AddGatingSequence(consumer);

        long first = sequencer.Next();
        Assert.False(sequencer.IsAvailable(first));
        sequencer.Publish(first);
        Assert.True(sequencer.IsAvailable(first));

        sequencer.Publish(1, sequencer.Next(3));
        consumer.Value = 3;
        long nextLap = sequencer.Next(); // same slot as 0
        Assert.Equal(4, nextLap);
        Assert.False(sequencer.IsAvailable(nextLap));
        sequencer.Publish(nextLap);
        Assert.True(sequencer.IsAvailable(nextLap));
        Assert.False(sequencer.IsAvailable(first));
    }

    [Fact]
    public void Next_WhenRingFull_ReturnsOnlyAfterTheConsumerFreesASlot()
    {
        Sequencer sequencer = Create(4);
        var consumer = new Sequence();
        sequencer.AddGatingSequence(consumer);
        sequencer.Publish(0, sequencer.Next(4));

        long claimed = -1;
        long consumerSeenAfterClaim = -2;
        var producer = new Thread(() =>
        {
            claimed = sequencer.Next();
            consumerSeenAfterClaim = consumer.Value;
        });
        producer.Start();
        consumer.Value = 0; // frees slot 0 for sequence 4
        Assert.True(producer.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(4, claimed);
        Assert.True(consumerSeenAfterClaim >= 0, "the claim of sequence 4 returned before slot 0 was consumed");
    }

    [Fact]
    public void AddGatingSequences_StartsALateConsumerAtTheCursor()
    {
        Sequencer sequencer = Create(8);
        sequencer.Publish(0, sequencer.Next(3));
        var late = new Sequence();
        sequencer.AddGatingSequence(late);
        Assert.Equal(sequencer.Cursor.Value, late.Value);
    }
}
