using System.Runtime.CompilerServices;
using Engine.Ring;

namespace Engine.Tests.Ring;

public class SequenceLayoutTests
{
    [Fact]
    public void PaddedLong_Has128BytesEitherSideOfTheValue()
    {
        Assert.Equal(128 + 8 + 128, Unsafe.SizeOf<PaddedLong>());

        var padded = default(PaddedLong);
        nint offset = Unsafe.ByteOffset(
            ref Unsafe.As<PaddedLong, byte>(ref padded),
            ref Unsafe.As<long, byte>(ref padded.Value));
        Assert.Equal(128, offset);
    }

    [Fact]
    public void Sequence_StartsAtMinusOne_AndCompareAndSetOnlySucceedsOnTheExpectedValue()
    {
        var sequence = new Sequence();
        Assert.Equal(-1, sequence.Value);
        Assert.False(sequence.CompareAndSet(5, 6));
        Assert.True(sequence.CompareAndSet(-1, 6));
        Assert.Equal(6, sequence.Value);
    }
}
