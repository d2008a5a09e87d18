using Engine.Ring;

namespace Engine.Tests.Ring;

public class MultiProducerSequencerTests : SequencerContract
{
    protected override Sequencer Create(int bufferSize) => new MultiProducerSequencer(bufferSize, new YieldingWaitStrategy());

    [Fact]
    public void GetHighestPublishedSequence_StopsBeforeTheFirstUnpublishedSlot()
    {
        var sequencer = new MultiProducerSequencer(8, new BusySpinWaitStrategy());
        long hi = sequencer.Next(4); // 0..3, published out of order below
        sequencer.Publish(0);
        sequencer.Publish(1);
        sequencer.Publish(3);
        Assert.Equal(1, sequencer.GetHighestPublishedSequence(0, hi));
        Assert.Equal(1, sequencer.GetHighestPublishedSequence(1, hi));
        Assert.Equal(1, sequencer.GetHighestPublishedSequence(2, hi)); // nothing readable from 2: returns 2 - 1
        sequencer.Publish(2);
        Assert.Equal(3, sequencer.GetHighestPublishedSequence(0, hi));
    }

    [Fact]
    public void Barrier_OverMultiProducerCursor_ReturnsOnlyThePublishedPrefix()
    {
        var sequencer = new MultiProducerSequencer(8, new BusySpinWaitStrategy());
        SequenceBarrier barrier = sequencer.NewBarrier();
        sequencer.Next(3); // 0..2 claimed; cursor is 2
        sequencer.Publish(0);
        sequencer.Publish(2);
        Assert.Equal(WaitOutcome.Available, barrier.WaitFor(0, out long available));
        Assert.Equal(0, available);
    }

    [Fact]
    public void ConcurrentClaims_AreUniqueAndLeaveNoGaps()
    {
        const int producers = 4;
        const int claimsEach = 20_000;
        var sequencer = new MultiProducerSequencer(1 << 17, new YieldingWaitStrategy());
        var claimed = new long[producers][];
        var threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            int id = p;
            claimed[id] = new long[claimsEach];
            threads[id] = new Thread(() =>
            {
                for (int i = 0; i < claimsEach; i++)
                {
                    claimed[id][i] = sequencer.Next();
                }
            });
        }

        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            Assert.True(t.Join(TimeSpan.FromSeconds(30)));
        }

        var seen = new bool[producers * claimsEach];
        foreach (long[] mine in claimed)
        {
            for (int i = 0; i < mine.Length; i++)
            {
                Assert.False(seen[mine[i]], $"sequence {mine[i]} claimed twice");
                seen[mine[i]] = true;
                if (i > 0)
                {
                    Assert.True(mine[i] > mine[i - 1], "one producer's claims must increase");
                }
            }
        }

        Assert.DoesNotContain(false, seen);
    }
}
