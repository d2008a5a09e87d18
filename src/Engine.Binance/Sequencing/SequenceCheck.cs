namespace Engine.Binance.Sequencing;

/// <summary>How an id relates to the last one seen for its symbol.</summary>
public enum SequenceCheck : byte
{
    /// <summary>The first id of this symbol.</summary>
    First = 0,

    /// <summary>Exactly last + 1.</summary>
    InOrder = 1,

    /// <summary>Above last + 1: the ids between were never seen and a <see cref="SequenceGap"/> was reported.</summary>
    Gap = 2,

    /// <summary>Equal to the last id.</summary>
    Duplicate = 3,

    /// <summary>Below the last id (late, or replayed); the last id is kept.</summary>
    OutOfOrder = 4,
}
