using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Pipeline;

/// <summary>The status thread's view of the engine's figures: whole publications only, never a mix of two.</summary>
public class PublishedAccountTests
{
    // Every field of publication i is a different function of i, so a copy mixing two publications breaks an equation.
    private static AccountFigures FiguresOf(long i) => new()
    {
        Signals = i,
        Orders = (2 * i) + 1,
        Cancels = 3 * i,
        Fills = i ^ 0x5555,
        PositionsClosed = i / 2,
        RealizedPnl = new Money(i * 1_000_003),
        Fees = new Money(-7 * i),
    };

    private static bool IsWhole(in AccountFigures f)
    {
        long i = f.Signals;
        AccountFigures expected = FiguresOf(i);
        return f.Orders == expected.Orders && f.Cancels == expected.Cancels && f.Fills == expected.Fills
            && f.PositionsClosed == expected.PositionsClosed && f.RealizedPnl == expected.RealizedPnl && f.Fees == expected.Fees;
    }

    [Fact]
    public void Read_BeforeAnyPublication_GivesZeros()
    {
        var published = new PublishedAccount();
        AccountFigures f = published.Read();
        Assert.Equal(0, f.Orders);
        Assert.Equal(Money.Zero, f.NetPnl);
        Assert.Equal(0, published.Publications);
    }

    [Fact]
    public void Read_GivesTheLatestPublication()
    {
        var published = new PublishedAccount();
        published.Publish(FiguresOf(41));
        published.Publish(FiguresOf(42));
        AccountFigures f = published.Read();
        Assert.Equal(42, f.Signals);
        Assert.True(IsWhole(in f));
        Assert.Equal(2, published.Publications);
    }

    [Fact]
    public void ReadersUnderAWriter_NeverSeeATornOrOlderCopy()
    {
        // The writer publishes for as long as the readers read: each reader makes ReadsEach copies while it runs.
        const long ReadsEach = 3_000_000;
        var published = new PublishedAccount();
        published.Publish(FiguresOf(0)); // the readers' first copy is a whole publication too
        long torn = 0;
        long backwards = 0;
        long readersDone = 0;
        long lastPublished = 0;

        var readers = new Thread[2];
        for (int r = 0; r < readers.Length; r++)
        {
            readers[r] = new Thread(() =>
            {
                long last = 0;
                for (long n = 0; n < ReadsEach; n++)
                {
                    AccountFigures f = published.Read();
                    if (!IsWhole(in f))
                    {
                        Interlocked.Increment(ref torn);
                    }

                    if (f.Signals < last)
                    {
                        Interlocked.Increment(ref backwards);
                    }

                    last = f.Signals;
                }

                Interlocked.Increment(ref readersDone);
            }) { IsBackground = true };
        }

        var writer = new Thread(() =>
        {
            long i = 0;
            while (Volatile.Read(ref readersDone) < readers.Length)
            {
                published.Publish(FiguresOf(++i));
            }

            Volatile.Write(ref lastPublished, i);
        }) { IsBackground = true };
        writer.Start();
        foreach (Thread t in readers)
        {
            t.Start();
        }

        writer.Join();
        foreach (Thread t in readers)
        {
            t.Join();
        }

        Assert.Equal(0, Interlocked.Read(ref torn));
        Assert.Equal(0, Interlocked.Read(ref backwards));
        Assert.Equal(Volatile.Read(ref lastPublished), published.Read().Signals);
    }
}
