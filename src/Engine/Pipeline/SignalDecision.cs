namespace Engine.Pipeline;

/// <summary>What became of a signal: the first stage that stopped it, or an entry order sent.</summary>
public enum SignalDecision : byte
{
    /// <summary>Admitted by the risk gate and sent by the OMS.</summary>
    Submitted = 0,

    /// <summary>Rejected by the risk gate: <see cref="SignalRecord.Verdict"/> says which check.</summary>
    RiskRejected = 1,

    /// <summary>Admitted, but the OMS blocked or refused it: <see cref="SignalRecord.Entry"/> says why.</summary>
    OmsBlocked = 2,
}
