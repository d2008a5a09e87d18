using Engine.Metrics;
using Engine.Tests.Support;

namespace Engine.Tests.Metrics;

public class WriterReaderPhaserTests
{
    [Fact]
    public void FlipPhase_WhileWriterInsideSection_WaitsForItsExit()
    {
        var phaser = new WriterReaderPhaser();
        long critical = phaser.WriterCriticalSectionEnter();
        int flipping = 0;
        int flipped = 0;

        var reader = new Thread(() =>
        {
            lock (phaser.ReaderLock)
            {
                Volatile.Write(ref flipping, 1);
                phaser.FlipPhase();
                Volatile.Write(ref flipped, 1);
            }
        });
        reader.Start();
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref flipping) == 1, TimeSpan.FromSeconds(10)));

        Assert.Equal(0, Volatile.Read(ref flipped)); // the writer is still inside: the flip cannot have completed

        phaser.WriterCriticalSectionExit(critical);
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref flipped) == 1, TimeSpan.FromSeconds(10)));
        reader.Join();
    }

    [Fact]
    public void FlipPhase_WithNoWriterInside_ReturnsAndAlternatesPhases()
    {
        var phaser = new WriterReaderPhaser();
        for (int i = 0; i < 4; i++)
        {
            long critical = phaser.WriterCriticalSectionEnter();
            Assert.Equal(i % 2 == 0, critical >= 0); // even phase first, then odd (negative epochs), ...
            phaser.WriterCriticalSectionExit(critical);
            lock (phaser.ReaderLock)
            {
                phaser.FlipPhase();
            }
        }
    }

    [Fact]
    public void FlipPhase_WithoutReaderLock_Throws()
    {
        var phaser = new WriterReaderPhaser();

        Assert.Throws<InvalidOperationException>(phaser.FlipPhase);
    }
}
