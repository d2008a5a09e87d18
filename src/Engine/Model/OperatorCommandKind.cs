namespace Engine.Model;

/// <summary>What an operator asks the engine to do (input-ring <see cref="EventKind.OperatorCommand"/>).</summary>
public enum OperatorCommandKind : byte
{
    None = 0,

    /// <summary>Stop new entries; protective exits and cancels still go through. Lasts until <see cref="Resume"/>.</summary>
    Halt = 1,

    /// <summary>Back to normal trading, whatever halted or reduced the engine.</summary>
    Resume = 2,

    /// <summary>Close every position at market, cancel entries, then stay halted until <see cref="Resume"/>.</summary>
    Flatten = 3,

    /// <summary>Admit only orders that reduce exposure until <see cref="Resume"/>.</summary>
    Reduce = 4,

    /// <summary>Stop new entries (as <see cref="Halt"/>) and cancel every working order. The OMS re-protects an open position.</summary>
    CancelAll = 5,

    /// <summary>Changes nothing: the engine republishes its figures, so the answer reflects every input before it.</summary>
    Status = 6,

    /// <summary>
    /// Not an operator's: a resumed live run's first input. The order ids jump to the next block
    /// (<c>OrderManager.SessionIdBlock</c>), so no id the previous process may have sent, in the moments its journal did not
    /// keep, is ever sent again for another order. Journaled like any input, so a rebuild takes the same jump.
    /// </summary>
    NewSession = 7,
}
