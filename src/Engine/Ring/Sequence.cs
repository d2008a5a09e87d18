using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// A padded sequence number shared between threads: a ring cursor or the progress of one consumer.
/// Reads are acquire, <see cref="Value"/> writes are release; <see cref="CompareAndSet"/> is a full fence.
/// Exactly one thread writes a consumer's sequence; the multi-producer cursor is advanced by compare-and-set.
/// </summary>
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything was claimed or processed.</summary>
    public const long InitialValue = -1;

    private PaddedLong _value;

    public Sequence(long initialValue = InitialValue)
    {
        _value.Value = initialValue;
    }

    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value.Value); // acquire: slot reads after this see what the writer published
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => Volatile.Write(ref _value.Value, value); // release: every write before this becomes visible first
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value.Value, next, expected) == expected; // full fence on success or failure

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> when that is smaller or the set is empty.</summary>
    internal static long Minimum(Sequence[] sequences, long minimum)
    {
        for (int i = 0; i < sequences.Length; i++)
        {
            long value = sequences[i].Value;
            if (value < minimum)
            {
                minimum = value;
            }
        }

        return minimum;
    }
}
