using Engine.Model;

namespace Engine.Pipeline;

/// <summary>One traded symbol: its venue filters and how its volume bars are cut.</summary>
public sealed record SymbolSetup
{
    public required string Name { get; init; }

    public required SymbolFilters Filters { get; init; }

    /// <summary>Base-asset volume per bar (default 10 units), or quote volume when <see cref="DollarBars"/>.</summary>
    public decimal BarSize { get; init; } = 10m;

    public bool DollarBars { get; init; }
}
