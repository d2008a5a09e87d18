namespace Engine.Binance.Live.Alerts;

/// <summary>What an alert is about (the webhook's <c>kind</c>, in snake_case).</summary>
public enum AlertKind : byte
{
    None = 0,

    /// <summary>The engine stopped new entries (breaker Halted, the health rule, an operator).</summary>
    Halt = 1,

    /// <summary>Positions are being closed at market (operator, health rule, a stop the venue refused).</summary>
    Flatten = 2,

    /// <summary>The venue rejected a protective order (stop-loss, take-profit, flatten).</summary>
    ProtectiveReject = 3,

    /// <summary>Many reconnects of the market feed or the user stream in a short time.</summary>
    ReconnectStorm = 4,

    /// <summary>Reconciliation found the venue and the engine disagreeing (a fill while down, an unknown order …).</summary>
    ReconciliationDifference = 5,

    /// <summary>The market feed or the user stream has been down too long while a position is open.</summary>
    LinkDown = 6,

    /// <summary>The dead-man switch's heartbeat is failing: the venue may cancel the resting entries.</summary>
    DeadManFailing = 7,
}
