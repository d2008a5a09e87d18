namespace Engine.Binance.Live.Reconcile;

/// <summary>
/// Where the reconciliation sends its alerts (the live run's webhook sink implements it). Called from the
/// reconciliation's thread; an implementation must not block (queue and return).
/// </summary>
public interface IReconcileAlertSink
{
    /// <summary>One difference the reconciliation found and what it did about it.</summary>
    void OnReconcileDifference(in ReconcileDifference difference);

    /// <summary>Reconciliation failed: the engine stays HALTED; <paramref name="reason"/> says why.</summary>
    void OnReconcileFailure(string reason);
}
