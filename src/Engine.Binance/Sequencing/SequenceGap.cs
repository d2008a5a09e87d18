using Engine.Model;

namespace Engine.Binance.Sequencing;

/// <summary>Ids <see cref="FromId"/>..<see cref="ToId"/> (inclusive) of one symbol never arrived; the live client backfills them.</summary>
public readonly record struct SequenceGap(SymbolId Symbol, long FromId, long ToId)
{
    public long Missing => ToId - FromId + 1;
}
