using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Engine.Metrics;

/// <summary>
/// A high-dynamic-range histogram with HdrHistogram's log-linear bucket layout, so the same data gives the
/// same percentile values. Recording is O(1), allocation-free, lock-free and never throws; values outside
/// [0, <see cref="HighestTrackableValue"/>] are counted in <see cref="OverflowCount"/> instead of being lost.
/// Not thread-safe: one writer, and readers only when the writer is quiescent (the engine thread's <see cref="Pipeline.StageLatency"/> hands readers interval histograms the writer has left).
/// </summary>
/// <remarks>
/// Coordinated omission: callers that know when each operation should have started (the latency program, the
/// engine's per-event stamps) record <c>completion - intended start</c> with <see cref="RecordValue"/>.
/// Only callers that measure pure service time in a loop with a known pacing use
/// <see cref="RecordValueWithExpectedInterval"/>. Never apply both to the same measurement.
/// </remarks>
public sealed partial class Histogram
{
    // Layout, fixed at construction (names and meaning as in HdrHistogram's AbstractHistogram).
    private readonly int _unitMagnitude;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly int _subBucketCount;
    private readonly long _subBucketMask;
    private readonly int _leadingZeroCountBase;
    private readonly int _subBucketShiftBase; // _leadingZeroCountBase + _unitMagnitude, so the record path saves an add
    private readonly int _bucketCount;
    private readonly long[] _counts;

    // The layout every engine histogram uses (lowest discernible value 1, 3 significant digits) is recognised at
    // construction and recorded with its constants folded into the code; any other layout uses the fields.
    private const int StandardSubBucketHalfCountMagnitude = 10;
    private const long StandardSubBucketMask = (1L << (StandardSubBucketHalfCountMagnitude + 1)) - 1;
    private const int StandardLeadingZeroCountBase = 64 - StandardSubBucketHalfCountMagnitude - 1;
    private readonly ulong _standardLimit; // HighestTrackableValue + 1 for the standard layout, else 0

    // Recorded state, owned by the single writer. Min, max and the total count are not tracked here: the queries
    // find them in the counts array, so recording touches one counter and carries no dependency from one record to
    // the next (a running total would be a load-add-store chain through memory on every value).
    private long _overflowCount;
    private long _maxOverflowValue;

    /// <summary>Creates a histogram tracking 1..<paramref name="highestTrackableValue"/>.</summary>
    public Histogram(long highestTrackableValue, int significantValueDigits)
        : this(1, highestTrackableValue, significantValueDigits)
    {
    }

    /// <summary>Creates a histogram; allocates its counts array once, here.</summary>
    public Histogram(long lowestDiscernibleValue, long highestTrackableValue, int significantValueDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lowestDiscernibleValue, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(highestTrackableValue, 2 * lowestDiscernibleValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(significantValueDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantValueDigits, 5);

        LowestDiscernibleValue = lowestDiscernibleValue;
        HighestTrackableValue = highestTrackableValue;
        SignificantValueDigits = significantValueDigits;

        // A value of 2 * 10^digits must be resolvable to a single unit: that fixes the sub-bucket count.
        long largestValueWithSingleUnitResolution = 2 * (long)Math.Pow(10, significantValueDigits);
        int subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(largestValueWithSingleUnitResolution));
        _subBucketHalfCountMagnitude = Math.Max(subBucketCountMagnitude, 1) - 1;
        _subBucketCount = 1 << (_subBucketHalfCountMagnitude + 1);
        _subBucketHalfCount = _subBucketCount / 2;
        _unitMagnitude = BitOperations.Log2((ulong)lowestDiscernibleValue);
        _subBucketMask = ((long)_subBucketCount - 1) << _unitMagnitude;
        _leadingZeroCountBase = 64 - _unitMagnitude - _subBucketHalfCountMagnitude - 1;
        _subBucketShiftBase = _leadingZeroCountBase + _unitMagnitude;
        bool standard = _unitMagnitude == 0 && _subBucketHalfCountMagnitude == StandardSubBucketHalfCountMagnitude;
        _standardLimit = standard ? (ulong)highestTrackableValue + 1 : 0;
        _bucketCount = BucketsNeededToCover(highestTrackableValue);
        _counts = new long[(_bucketCount + 1) * _subBucketHalfCount];
    }

    public long LowestDiscernibleValue { get; }

    public long HighestTrackableValue { get; }

    public int SignificantValueDigits { get; }

    /// <summary>Number of power-of-two buckets (HdrHistogram's bucketCount, printed in the .hgrm footer).</summary>
    public int BucketCount => _bucketCount;

    /// <summary>Sub-buckets per bucket (HdrHistogram's subBucketCount, printed in the .hgrm footer).</summary>
    public int SubBucketCount => _subBucketCount;

    /// <summary>Length of the counts array; the footprint is this times 8 bytes.</summary>
    public int CountsArrayLength => _counts.Length;

    /// <summary>Count of values recorded in range (overflow excluded); sums the counts, so read it once per query.</summary>
    public long TotalCount => SumOfCounts();

    /// <summary>Count of values rejected because they were negative or above <see cref="HighestTrackableValue"/>.</summary>
    public long OverflowCount => _overflowCount;

    /// <summary>Largest value seen among the overflowed ones (0 when none).</summary>
    public long MaxOverflowValue => _maxOverflowValue;

    /// <summary>Records one occurrence of <paramref name="value"/>; out-of-range values go to the overflow count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValue(long value) => RecordValueWithCount(value, 1);

    /// <summary>Records <paramref name="count"/> (positive) occurrences of <paramref name="value"/>; false (and overflow counted) when out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RecordValueWithCount(long value, long count)
    {
        // The standard layout in range, the engine's every record: one unsigned compare (it also rejects negatives),
        // then the slot from constants. _standardLimit is 0 for any other layout, so nothing passes it.
        if ((ulong)value < _standardLimit)
        {
            // bucket = lzcBase - lz and sub = value >> bucket; shifting the value up by lz and down by the sub-bucket
            // width gives the same sub without computing the bucket first, and the bucket's base folds into a constant.
            ulong lz = LeadingZeros((ulong)(value | StandardSubBucketMask));
            int sub = (int)(((ulong)value << (int)lz) >> (64 - StandardSubBucketHalfCountMagnitude - 1));
            _counts[sub - ((int)lz << StandardSubBucketHalfCountMagnitude) + (StandardLeadingZeroCountBase << StandardSubBucketHalfCountMagnitude)] += count;
            return true;
        }

        return RecordFromFields(value, count);
    }

    // Lzcnt's own form returns the count as 64 bits, which the shift and the index use without a sign extension.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LeadingZeros(ulong value) =>
        Lzcnt.X64.IsSupported ? Lzcnt.X64.LeadingZeroCount(value) : (ulong)BitOperations.LeadingZeroCount(value);

    /// <summary>
    /// Records <paramref name="value"/> and, when it exceeds <paramref name="expectedIntervalBetweenValueSamples"/>,
    /// the samples a paced caller would have taken while it was stalled (HdrHistogram's coordinated-omission
    /// correction at record time). For service-time callers only; see the type remarks. Costs O(value / interval)
    /// records, so pass the real pacing interval, never a token 1.
    /// </summary>
    public void RecordValueWithExpectedInterval(long value, long expectedIntervalBetweenValueSamples)
    {
        if (!RecordValueWithCount(value, 1) || expectedIntervalBetweenValueSamples <= 0)
        {
            return;
        }

        for (long missing = value - expectedIntervalBetweenValueSamples;
             missing >= expectedIntervalBetweenValueSamples;
             missing -= expectedIntervalBetweenValueSamples)
        {
            RecordValueWithCount(missing, 1);
        }
    }

    // Any other layout, and overflow: inline too, since a call inside a caller's recording loop would make the JIT
    // assume every field may change and reload them all on each value.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RecordFromFields(long value, long count)
    {
        // One unsigned compare rejects both negatives and values above the trackable range.
        if ((ulong)value > (ulong)HighestTrackableValue)
        {
            _overflowCount += count;
            _maxOverflowValue = Math.Max(_maxOverflowValue, value);
            return false;
        }

        // In range by construction (the counts array covers HighestTrackableValue); the bounds check stays as a
        // second guard and costs one compare against the length the JIT loads with the array anyway.
        _counts[RecordIndexFor(value)] += count;
        return true;
    }

    /// <summary>Clears every count, the min/max and the overflow tally; allocates nothing.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _overflowCount = 0;
        _maxOverflowValue = 0;
    }

    private int BucketsNeededToCover(long value)
    {
        // Same loop as HdrHistogram's getBucketsNeededToCoverValue: each bucket doubles the covered range.
        long smallestUntrackableValue = (long)_subBucketCount << _unitMagnitude;
        int bucketsNeeded = 1;
        while (smallestUntrackableValue <= value)
        {
            if (smallestUntrackableValue > long.MaxValue / 2)
            {
                return bucketsNeeded + 1;
            }

            smallestUntrackableValue <<= 1;
            bucketsNeeded++;
        }

        return bucketsNeeded;
    }

    [DoesNotReturn]
    private static void ThrowIncompatible(string what) =>
        throw new ArgumentException($"histograms have a different {what}; they cannot be combined index by index");
}
