namespace Engine.Model;

/// <summary>
/// An interval of a symbol's aggregate trades the live feed could not backfill: ids <see cref="FromId"/> to
/// <see cref="ToId"/> (inclusive) never reached the engine. Rows and bars spanning <see cref="FromTimeMs"/> to
/// <see cref="ToTimeMs"/> are incomplete; the journal and the report name the interval.
/// </summary>
public struct FeedGap
{
    public SymbolId Symbol;

    /// <summary>First missing aggregate id.</summary>
    public long FromId;

    /// <summary>Last missing aggregate id.</summary>
    public long ToId;

    /// <summary>Trade time of the last trade before the gap, Unix ms (0 when unknown).</summary>
    public long FromTimeMs;

    /// <summary>Trade time of the first trade after the gap, Unix ms (0 when unknown).</summary>
    public long ToTimeMs;
}
