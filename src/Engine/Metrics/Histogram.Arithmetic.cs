namespace Engine.Metrics;

/// <summary>Combining histograms slot by slot: add (merge), subtract and copy. Cold-path operations.</summary>
public sealed partial class Histogram
{
    /// <summary>A new histogram with the same layout and the same counts.</summary>
    public Histogram Copy()
    {
        var copy = new Histogram(LowestDiscernibleValue, HighestTrackableValue, SignificantValueDigits);
        copy.Add(this);
        return copy;
    }

    /// <summary>Overwrites this histogram's contents with <paramref name="source"/>'s (same layout); allocates nothing.</summary>
    public void CopyFrom(Histogram source)
    {
        Reset();
        Add(source);
    }

    /// <summary>Adds every count of <paramref name="other"/>, which must have the same layout.</summary>
    public void Add(Histogram other)
    {
        EnsureSameLayout(other);
        long[] theirs = other._counts;
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += theirs[i];
        }

        _overflowCount += other._overflowCount;
        _maxOverflowValue = Math.Max(_maxOverflowValue, other._maxOverflowValue);
    }

    /// <summary>
    /// Removes every count of <paramref name="other"/> (same layout), which must be contained in this one;
    /// otherwise throws and leaves this histogram unchanged.
    /// </summary>
    public void Subtract(Histogram other)
    {
        EnsureSameLayout(other);
        long[] theirs = other._counts;
        for (int i = 0; i < _counts.Length; i++)
        {
            if (theirs[i] > _counts[i])
            {
                throw new ArgumentException($"cannot subtract: slot {i} holds {_counts[i]} but {theirs[i]} would be removed", nameof(other));
            }
        }

        if (other._overflowCount > _overflowCount)
        {
            throw new ArgumentException("cannot subtract more overflow than was counted", nameof(other));
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] -= theirs[i];
        }

        _overflowCount -= other._overflowCount;
    }

    private void EnsureSameLayout(Histogram other)
    {
        if (other._unitMagnitude != _unitMagnitude)
        {
            ThrowIncompatible("lowest discernible value");
        }

        if (other._subBucketCount != _subBucketCount)
        {
            ThrowIncompatible("number of significant digits");
        }

        if (other._counts.Length != _counts.Length)
        {
            ThrowIncompatible("highest trackable value");
        }
    }
}
