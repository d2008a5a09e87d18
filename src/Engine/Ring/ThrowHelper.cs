using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>Throws for programming errors in ring set-up or use; kept out of line so hot callers stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CapacityNotPowerOfTwo(int capacity) =>
        throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "ring capacity must be a power of two, at least 1");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ClaimSizeOutOfRange(int n, int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"a claim must be between 1 and the buffer size {bufferSize}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ProcessorAlreadyRunning() =>
        throw new InvalidOperationException("the processor is already running on another thread");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void GatingAfterStart() =>
        throw new InvalidOperationException("gating sequences must be added before anything is published");
}
