using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Engine.Cli.Journal;

/// <summary>
/// The run's SQLite journal: signals with their admit or reject reason, orders, fills, positions, circuit-breaker
/// changes and daily PnL.
/// Written only by the journal thread, in transactions of up to <see cref="BatchSize"/> statements, so a crash loses at
/// most the open batch and never leaves a half-written row (SQLite's journal rolls an unfinished transaction back).
/// </summary>
public sealed class SqliteJournal : IDisposable
{
    public const int BatchSize = 512;

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS signals (
            id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, row_start_ms INTEGER NOT NULL, symbol TEXT NOT NULL,
            source TEXT NOT NULL, kind TEXT NOT NULL,
            price REAL NOT NULL, delta REAL NOT NULL, vol REAL NOT NULL, imb REAL NOT NULL, vwap INTEGER, poc INTEGER,
            decision TEXT NOT NULL, reason TEXT NOT NULL, quantity TEXT, risk_amount TEXT, est_fees TEXT);
        CREATE TABLE IF NOT EXISTS orders (
            client_order_id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
            type TEXT NOT NULL, role TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT, stop_price TEXT,
            reduce_only INTEGER NOT NULL, status TEXT NOT NULL, updated_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS fills (
            id INTEGER PRIMARY KEY, client_order_id INTEGER NOT NULL, time_ms INTEGER NOT NULL, symbol TEXT NOT NULL,
            side TEXT NOT NULL, price TEXT NOT NULL, quantity TEXT NOT NULL, fee TEXT NOT NULL, maker INTEGER NOT NULL,
            realized_pnl TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS positions (
            id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, side TEXT NOT NULL, opened_ms INTEGER NOT NULL,
            closed_ms INTEGER NOT NULL, quantity TEXT NOT NULL, entry_price TEXT NOT NULL, exit_price TEXT NOT NULL,
            realized_pnl TEXT NOT NULL, fees TEXT NOT NULL, exit_reason TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS breaker (
            id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, state TEXT NOT NULL);
        CREATE VIEW IF NOT EXISTS daily_pnl AS
            SELECT date(closed_ms / 1000, 'unixepoch') AS day, symbol, COUNT(*) AS trades,
                   SUM(CAST(realized_pnl AS REAL)) AS realized_pnl, SUM(CAST(fees AS REAL)) AS fees,
                   SUM(CASE WHEN CAST(realized_pnl AS REAL) > 0 THEN 1 ELSE 0 END) AS wins
            FROM positions GROUP BY day, symbol;
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertSignal;
    private readonly SqliteCommand _upsertOrder;
    private readonly SqliteCommand _updateOrderStatus;
    private readonly SqliteCommand _insertFill;
    private readonly SqliteCommand _insertPosition;
    private readonly SqliteCommand _insertBreaker;
    private readonly string _path;
    private SqliteTransaction? _transaction;
    private int _pending;

    public SqliteJournal(string path)
    {
        _path = path;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using (SqliteCommand schema = _connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        _insertSignal = Prepare(
            "INSERT INTO signals (time_ms, row_start_ms, symbol, source, kind, price, delta, vol, imb, vwap, poc, decision, reason, quantity, risk_amount, est_fees) " +
            "VALUES ($t, $rs, $s, $src, $k, $p, $d, $v, $i, $vw, $poc, $dec, $r, $q, $risk, $fees)");
        _upsertOrder = Prepare(
            "INSERT INTO orders (client_order_id, time_ms, symbol, side, type, role, quantity, price, stop_price, reduce_only, status, updated_ms) " +
            "VALUES ($id, $t, $s, $side, $type, $role, $q, $p, $sp, $ro, $st, $t) " +
            "ON CONFLICT(client_order_id) DO UPDATE SET status = excluded.status, updated_ms = excluded.updated_ms");
        _updateOrderStatus = Prepare("UPDATE orders SET status = $st, updated_ms = $t WHERE client_order_id = $id");
        _insertFill = Prepare(
            "INSERT INTO fills (client_order_id, time_ms, symbol, side, price, quantity, fee, maker, realized_pnl) " +
            "VALUES ($id, $t, $s, $side, $p, $q, $fee, $m, $pnl)");
        _insertPosition = Prepare(
            "INSERT INTO positions (symbol, side, opened_ms, closed_ms, quantity, entry_price, exit_price, realized_pnl, fees, exit_reason) " +
            "VALUES ($s, $side, $o, $c, $q, $ep, $xp, $pnl, $fees, $r)");
        _insertBreaker = Prepare("INSERT INTO breaker (time_ms, state) VALUES ($t, $st)");
    }

    public long Rows { get; private set; }

    public void Add(JournalSignal s) => Execute(_insertSignal, ("$t", s.TimeMs), ("$rs", s.RowStartMs), ("$s", s.Symbol), ("$src", s.Source), ("$k", s.Kind),
        ("$p", s.Price), ("$d", s.Delta), ("$v", s.Volume), ("$i", s.Imbalance), ("$vw", s.Vwap), ("$poc", s.Poc),
        ("$dec", s.Decision), ("$r", s.Reason), ("$q", Text(s.Quantity)), ("$risk", Text(s.RiskAmount)), ("$fees", Text(s.EstimatedFees)));

    public void Add(JournalOrder o) => Execute(_upsertOrder, ("$id", o.ClientOrderId), ("$t", o.TimeMs), ("$s", o.Symbol),
        ("$side", o.Side), ("$type", o.Type), ("$role", o.Role), ("$q", Text(o.Quantity)), ("$p", Text(o.Price)),
        ("$sp", Text(o.StopPrice)), ("$ro", o.ReduceOnly ? 1 : 0), ("$st", o.Status));

    public void UpdateOrderStatus(long clientOrderId, string status, long timeMs) =>
        Execute(_updateOrderStatus, ("$id", clientOrderId), ("$st", status), ("$t", timeMs));

    public void Add(JournalFill f) => Execute(_insertFill, ("$id", f.ClientOrderId), ("$t", f.TimeMs), ("$s", f.Symbol),
        ("$side", f.Side), ("$p", Text(f.Price)), ("$q", Text(f.Quantity)), ("$fee", Text(f.Fee)), ("$m", f.Maker ? 1 : 0),
        ("$pnl", Text(f.RealizedPnl)));

    public void Add(JournalPosition p) => Execute(_insertPosition, ("$s", p.Symbol), ("$side", p.Side), ("$o", p.OpenedMs),
        ("$c", p.ClosedMs), ("$q", Text(p.Quantity)), ("$ep", Text(p.EntryPrice)), ("$xp", Text(p.ExitPrice)),
        ("$pnl", Text(p.RealizedPnl)), ("$fees", Text(p.Fees)), ("$r", p.ExitReason));

    /// <summary>The circuit breaker moved to <paramref name="state"/> (Active, Reducing, Halted) at <paramref name="timeMs"/>.</summary>
    public void AddBreakerChange(long timeMs, string state) => Execute(_insertBreaker, ("$t", timeMs), ("$st", state));

    /// <summary>
    /// Commits the open batch. A failed commit (disk full) rolls the batch back and throws an <see cref="IOException"/>:
    /// the database keeps every batch committed before, whole, and none of this one.
    /// </summary>
    public void Flush()
    {
        if (_transaction is null)
        {
            return;
        }

        try
        {
            _transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw Abandon(e);
        }

        _transaction.Dispose();
        _transaction = null;
        _pending = 0;
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            DisposeCommands();
        }
    }

    private void DisposeCommands()
    {
        _insertSignal.Dispose();
        _upsertOrder.Dispose();
        _updateOrderStatus.Dispose();
        _insertFill.Dispose();
        _insertPosition.Dispose();
        _insertBreaker.Dispose();
        _connection.Dispose();
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private SqliteCommand Prepare(string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void Execute(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        try
        {
            _transaction ??= _connection.BeginTransaction();
            command.Transaction = _transaction;
            command.Parameters.Clear();
            foreach ((string name, object? value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw Abandon(e);
        }

        Rows++;
        if (++_pending >= BatchSize)
        {
            Flush();
        }
    }

    /// <summary>
    /// After a failed statement or commit (SQLite may have rolled the transaction back itself: using it again was the
    /// issue's "SqliteTransaction has completed"), drops the open batch and says so as an I/O error.
    /// </summary>
    private IOException Abandon(SqliteException e)
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (Exception rollback) when (rollback is SqliteException or InvalidOperationException)
        {
            // Already rolled back by SQLite.
        }

        _transaction?.Dispose();
        _transaction = null;
        _pending = 0;
        return new IOException($"{_path}: {e.Message} (its open batch was rolled back; the batches committed before it are whole)", e);
    }
}
