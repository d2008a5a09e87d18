namespace Engine.Model;

/// <summary>A symbol's small integer id, assigned once at start-up by the symbol registry.</summary>
public readonly record struct SymbolId(int Value)
{
    public static readonly SymbolId None = new(-1);
}
