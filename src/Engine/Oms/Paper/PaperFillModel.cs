namespace Engine.Oms.Paper;

/// <summary>How the paper venue fills: against individual trades, or against closed aggregated.csv rows.</summary>
public enum PaperFillModel : byte
{
    /// <summary>No input seen yet.</summary>
    None = 0,

    /// <summary>Market orders at the next trade ± slippage, limits when trades cross, stops triggered by trade prices.</summary>
    Trades = 1,

    /// <summary>Market orders at the next row's AvgPrice, limits and stops on the row's Low/High, the stop first when both cross.</summary>
    Bars = 2,
}
