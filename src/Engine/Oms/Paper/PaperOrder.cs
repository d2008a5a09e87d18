using Engine.Model;

namespace Engine.Oms.Paper;

/// <summary>An order the paper venue has accepted and not yet finished.</summary>
internal struct PaperOrder
{
    public bool InUse;
    public OrderRequest Request;
    public OrderId VenueId;
    public Quantity Filled;

    /// <summary>A limit that could take at arrival fills as taker; one that rested fills as maker.</summary>
    public bool TakerOnFill;

    /// <summary>A stop or take-profit whose trigger the market reached: from then on a market order walking the prints.</summary>
    public bool Triggered;

    /// <summary>Event time at which the venue accepted it.</summary>
    public long AcceptedMs;

    public readonly Quantity Remaining => Request.Quantity - Filled;
}
