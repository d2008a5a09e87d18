namespace Engine.Oms;

/// <summary>How far an open position's take-profit ladder has gone, which decides where its stop sits.</summary>
public enum ExitStage : byte
{
    /// <summary>Initial stop at entry ∓ stop distance.</summary>
    Initial = 0,

    /// <summary>TP1 filled: stop at break-even.</summary>
    BreakEven = 1,

    /// <summary>TP2 filled: the stop trails the best price by the trailing distance.</summary>
    Trailing = 2,
}
