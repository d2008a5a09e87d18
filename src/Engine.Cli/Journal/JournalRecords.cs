namespace Engine.Cli.Journal;

// Structs, passed by reference: journaling a record allocates nothing (SqliteJournal binds their fields in place).

/// <summary>
/// A signal and what became of it: admitted (with its sizing) or rejected, and why. <c>TimeMs</c> is when the engine
/// evaluated it; <c>RowStartMs</c> is the <c>ts</c> of its deltascout.log line (the row's start; a bar signal's bar end).
/// </summary>
public readonly record struct JournalSignal(
    long TimeMs, long RowStartMs, string Symbol, string Source, string Kind, double Price, double Delta, double Volume, double Imbalance,
    long? Vwap, long? Poc, string Decision, string Reason, decimal? Quantity, decimal? RiskAmount = null, decimal? EstimatedFees = null);

/// <summary>An order request as sent, and its latest known status.</summary>
public readonly record struct JournalOrder(
    long ClientOrderId, long TimeMs, string Symbol, string Side, string Type, string Role, decimal Quantity,
    decimal? Price, decimal? StopPrice, bool ReduceOnly, string Status);

/// <summary>One fill of one order.</summary>
public readonly record struct JournalFill(
    long ClientOrderId, long TimeMs, string Symbol, string Side, decimal Price, decimal Quantity, decimal Fee, bool Maker,
    decimal RealizedPnl);

/// <summary>A closed position: one round trip from entry to flat.</summary>
public readonly record struct JournalPosition(
    string Symbol, string Side, long OpenedMs, long ClosedMs, decimal Quantity, decimal EntryPrice, decimal ExitPrice,
    decimal RealizedPnl, decimal Fees, string ExitReason);
