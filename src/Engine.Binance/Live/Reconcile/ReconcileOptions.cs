using Engine.Model;

namespace Engine.Binance.Live.Reconcile;

/// <summary>What the start-up reconciliation does with an open order of the run's symbols that the engine does not know.</summary>
public enum UnknownOrderPolicy : byte
{
    /// <summary>Cancel it at the venue (the default: nothing trades that the engine did not decide).</summary>
    Cancel = 0,

    /// <summary>Leave it at the venue and report it; its fills reach the engine as foreign fills (account updates).</summary>
    Adopt = 1,
}

/// <summary>Configuration section <c>Reconcile</c>. Cold, validated at start-up.</summary>
public sealed record ReconcileOptions
{
    public UnknownOrderPolicy UnknownOrders { get; init; } = UnknownOrderPolicy.Cancel;

    /// <summary>
    /// Distance of the stop placed for a position nothing protects, in percent of the mark price (a long's stop below
    /// it, a short's above). When the venue refuses that stop, the position is flattened at market.
    /// </summary>
    public double ProtectiveStopPercent { get; init; } = 1.0;

    /// <summary>Tick size per symbol name (from exchangeInfo): the protective stop's trigger is rounded to it, away from the mark.</summary>
    public IReadOnlyDictionary<string, Price> TickSizes { get; init; } = new Dictionary<string, Price>();

    /// <summary>Attempts of the venue queries before reconciliation fails (and the engine stays HALTED).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Wait between two attempts.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When no fill of a symbol is known, fills are asked for from this long before its oldest working order.</summary>
    public long FillLookbackMs { get; init; } = 60_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(UnknownOrders))
        {
            errors.Add($"Reconcile:UnknownOrders must be Cancel or Adopt, not {UnknownOrders}");
        }

        if (!(ProtectiveStopPercent > 0 && ProtectiveStopPercent < 50))
        {
            errors.Add($"Reconcile:ProtectiveStopPercent must be above 0 and below 50, not {ProtectiveStopPercent}");
        }

        if (Attempts < 1)
        {
            errors.Add($"Reconcile:Attempts must be at least 1, not {Attempts}");
        }

        return errors;
    }
}
