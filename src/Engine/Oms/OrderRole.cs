namespace Engine.Oms;

/// <summary>The part an order plays in a position's plan.</summary>
public enum OrderRole : byte
{
    None = 0,
    Entry = 1,
    StopLoss = 2,
    TakeProfit1 = 3,
    TakeProfit2 = 4,

    /// <summary>A reduce-only market order that closes the position (time exit, emergency, operator).</summary>
    Flatten = 5,
}
