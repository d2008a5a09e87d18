using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Support;

/// <summary>
/// Read loops for allocation tests. Call one once to warm up, then measure a second call: it is compiled fully
/// optimized on that first call, so the runtime never recompiles it mid-loop on the measuring thread (a loop measured
/// in the body of a long test method can be, and what that costs the thread would count as the code's allocation).
/// </summary>
public static class AllocationLoops
{
    /// <summary>Reads up to <paramref name="max"/> events; returns how many were read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Read(IInputFeed feed, ref EngineEvent slot, int max)
    {
        int n = 0;
        while (n < max && feed.TryReadNext(ref slot))
        {
            n++;
        }

        return n;
    }

    /// <summary>Reads up to <paramref name="max"/> events, adding up the trade counts of the aggregated rows among them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ReadRows(IInputFeed feed, ref EngineEvent slot, int max, out long rowTrades)
    {
        int n = 0;
        rowTrades = 0;
        while (n < max && feed.TryReadNext(ref slot))
        {
            rowTrades += slot.Kind == EventKind.AggregatedRow ? slot.Row.Trades : 0;
            n++;
        }

        return n;
    }
}
