using System.Runtime.CompilerServices;

namespace Engine.Risk;

/// <summary>The UTC day of an event time: whole days since the Unix epoch, floored (so it is right before 1970 too).</summary>
internal static class UtcDay
{
    public const long MillisPerDay = 86_400_000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(long timeMs)
    {
        long day = timeMs / MillisPerDay;
        return (timeMs % MillisPerDay) < 0 ? day - 1 : day;
    }
}
