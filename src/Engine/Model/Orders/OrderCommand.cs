namespace Engine.Model;

/// <summary>What an <see cref="OrderRequest"/> asks the venue to do.</summary>
public enum OrderCommand : byte
{
    None = 0,
    Submit = 1,
    Cancel = 2,

    /// <summary>
    /// Asks the venue where the order named by <see cref="OrderRequest.ClientId"/> is (Binance GET /fapi/v1/order by
    /// origClientOrderId). The answer comes back as an ordinary report, or <see cref="VenueReportKind.NotFound"/>.
    /// </summary>
    Query = 3,
}
