using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>What the user stream remembers of one of the engine's orders: enough to order fills and drop repeats.</summary>
internal struct TrackedOrder
{
    public SymbolId Symbol;
    public Side Side;
    public OrderId VenueId;
    public Quantity OriginalQuantity;

    /// <summary>The sum of the distinct fills reported to the engine (not the venue's <c>z</c>, which a reordered frame makes jump).</summary>
    public Quantity Filled;

    /// <summary>The last non-fill report sent, to drop a repeat of it.</summary>
    public VenueReportKind LastStatus;

    /// <summary>Canceled, expired or rejected: a NEW after it is stale (a late fill still counts).</summary>
    public bool Ended;
}
