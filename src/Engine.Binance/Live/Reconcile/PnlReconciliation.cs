using Engine.Model;

namespace Engine.Binance.Live.Reconcile;

/// <summary>
/// Issue #17: the OMS's realised PnL and fees against the venue's own figures for the engine's fills (the sum of
/// <c>rp</c>/<c>realizedPnl</c> and of the USDT <c>n</c>/<c>commission</c>, as the user stream or userTrades gave them).
/// Both sides are gross of fees (Binance's realised profit excludes commission, and so does the OMS's). Any difference,
/// even 1e-8 from the venue's rounding, is reported, never hidden: the report shows both and the difference.
/// </summary>
public static class PnlReconciliation
{
    /// <summary>The differences (none, one for the PnL, one for the fees), each venue − OMS.</summary>
    public static IReadOnlyList<ReconcileDifference> Compare(Money omsRealized, Money omsFees, Money venueRealized, Money venueCommission)
    {
        var differences = new List<ReconcileDifference>(2);
        if (omsRealized != venueRealized)
        {
            differences.Add(Difference("realised PnL", omsRealized, venueRealized));
        }

        if (omsFees != venueCommission)
        {
            differences.Add(Difference("fees", omsFees, venueCommission));
        }

        return differences;
    }

    /// <summary>One line for the run report: both figures and the difference, for the PnL and the fees.</summary>
    public static string Line(Money omsRealized, Money omsFees, Money venueRealized, Money venueCommission) =>
        $"realised PnL: OMS {omsRealized}, venue {venueRealized}, difference {venueRealized - omsRealized}; "
        + $"fees: OMS {omsFees}, venue {venueCommission}, difference {venueCommission - omsFees}";

    private static ReconcileDifference Difference(string what, Money oms, Money venue) =>
        new(ReconcileDifferenceKind.PnlDifference, "", ClientOrderId.None, 0, default, default,
            $"{what}: the venue says {venue}, the OMS {oms}: difference {venue - oms}");
}
