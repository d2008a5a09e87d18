using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Pipeline;

/// <summary>
/// The output slot carries the cause's kind (for the gateway's tick-to-order) without growing: the byte sits in the
/// padding between <see cref="OutputEvent.Kind"/> and the 8-byte-aligned <see cref="OutputEvent.InputTimestamp"/>.
/// </summary>
public class OutputEventLayoutTests
{
    [Fact]
    public void InputKind_LivesInThePaddingBeforeTheTimestamp()
    {
        var slot = default(OutputEvent);
        ref byte start = ref Unsafe.As<OutputEvent, byte>(ref slot);
        Assert.Equal(0, (long)Unsafe.ByteOffset(ref start, ref Unsafe.As<OutputKind, byte>(ref slot.Kind)));
        Assert.Equal(1, (long)Unsafe.ByteOffset(ref start, ref Unsafe.As<EventKind, byte>(ref slot.InputKind)));
        Assert.Equal(8, (long)Unsafe.ByteOffset(ref start, ref Unsafe.As<long, byte>(ref slot.InputTimestamp)));
        Assert.Equal(16, (long)Unsafe.ByteOffset(ref start, ref Unsafe.As<long, byte>(ref slot.TimeMs)));
    }
}
