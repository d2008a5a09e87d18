using Engine.Signals;

namespace Engine.Tests.Signals;

public class SlidingMaximumTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(180)]
    [InlineData(200)] // not a power of two, ring larger than the window
    public void Max_EqualsANaiveScanOfTheLastWindowValues_WithTiesAndRuns(int window)
    {
        var rng = new Random(window);
        var max = new SlidingMaximum(window);
        var values = new List<long>();
        for (int n = 0; n < 5_000; n++)
        {
            // Few distinct values (many ties), with rising and falling runs that fill and drain the deque.
            long value = (n / 400) % 2 == 0 ? rng.Next(0, 8) + (n % 400) : rng.Next(0, 8) - (n % 400);
            values.Add(value);
            max.Push(n, value);

            long expected = long.MinValue;
            for (int i = Math.Max(0, n - window + 1); i <= n; i++)
            {
                expected = Math.Max(expected, values[i]);
            }

            Assert.Equal(expected, max.Max);
            Assert.InRange(max.Count, 1, window);
        }
    }

    [Fact]
    public void Clear_StartsAnEmptyWindow()
    {
        var max = new SlidingMaximum(4);
        max.Push(0, 10);
        max.Push(1, 5);
        max.Clear();
        max.Push(2, 1);
        Assert.Equal(1, max.Max);
        Assert.Equal(1, max.Count);
    }
}
