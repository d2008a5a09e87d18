using System.Runtime.CompilerServices;
using Engine.Ring;

namespace Engine.Tests.Ring;

public class RingBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(-8)]
    public void Constructor_WhenCapacityNotPowerOfTwo_Throws(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer<TestEvent>(capacity));

    [Fact]
    public void Indexer_WrapsEveryCapacity_ToTheSameSlot()
    {
        var ring = new RingBuffer<TestEvent>(8);
        ring[3].Value = 33;
        Assert.Equal(33, ring[3 + 8].Value);
        Assert.Equal(33, ring[3 + (8L * 1_000_000_000)].Value);
        Assert.True(Unsafe.AreSame(ref ring[5], ref ring[13]));
    }

    [Fact]
    public void Indexer_GivesDistinctSlotsWithinOneLap()
    {
        var ring = new RingBuffer<TestEvent>(16);
        for (long s = 0; s < 16; s++)
        {
            ring[s].Value = s * 10;
        }

        for (long s = 0; s < 16; s++)
        {
            Assert.Equal(s * 10, ring[s + 16].Value);
        }
    }

    [Fact]
    public void Capacity_IsWhatWasAskedFor() => Assert.Equal(1024, new RingBuffer<long>(1024).Capacity);
}
