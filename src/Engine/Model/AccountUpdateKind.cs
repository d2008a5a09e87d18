namespace Engine.Model;

/// <summary>What an <see cref="AccountUpdate"/> carries.</summary>
public enum AccountUpdateKind : byte
{
    None = 0,

    /// <summary>The quote asset's wallet balance and the change that moved it.</summary>
    Balance = 1,

    /// <summary>One symbol's position as the venue holds it.</summary>
    Position = 2,

    /// <summary>A fill of an order the engine did not place (by hand, liquidation, ADL, settlement).</summary>
    ForeignFill = 3,
}
