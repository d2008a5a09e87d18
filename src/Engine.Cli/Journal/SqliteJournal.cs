using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Engine.Cli.Journal;

/// <summary>
/// The run's SQLite journal: signals with their admit or reject reason, orders, fills, positions, circuit-breaker
/// changes and daily PnL.
/// Written only by the journal thread, in transactions of up to <see cref="BatchSize"/> statements, so a crash loses at
/// most the open batch and never leaves a half-written row (SQLite's journal rolls an unfinished transaction back).
/// </summary>
/// <remarks>
/// Talks to SQLite through SQLitePCLRaw, the library under Microsoft.Data.Sqlite, with statements prepared once and
/// reused: values are bound in place (text and decimals encoded into one reused UTF-8 buffer), so a record costs no
/// managed allocation in steady state (<c>JournalAllocationTests</c>). Microsoft.Data.Sqlite's connection is not used
/// here because its connection factory starts a process-wide pool-pruning timer (first at 4 min, then every 30 s) whose
/// callback allocates on thread-pool threads: the only collections a one-hour soak saw.
/// </remarks>
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
        CREATE TABLE IF NOT EXISTS feed_gaps (
            id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL,
            from_time_ms INTEGER NOT NULL, to_time_ms INTEGER NOT NULL);
        CREATE VIEW IF NOT EXISTS daily_pnl AS
            SELECT date(closed_ms / 1000, 'unixepoch') AS day, symbol, COUNT(*) AS trades,
                   SUM(CAST(realized_pnl AS REAL)) AS realized_pnl, SUM(CAST(fees AS REAL)) AS fees,
                   SUM(CASE WHEN CAST(realized_pnl AS REAL) > 0 THEN 1 ELSE 0 END) AS wins
            FROM positions GROUP BY day, symbol;
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly sqlite3_stmt _insertSignal;
    private readonly sqlite3_stmt _upsertOrder;
    private readonly sqlite3_stmt _updateOrderStatus;
    private readonly sqlite3_stmt _insertFill;
    private readonly sqlite3_stmt _insertPosition;
    private readonly sqlite3_stmt _insertBreaker;
    private readonly sqlite3_stmt _insertFeedGap;
    private readonly string _path;
    private byte[] _text = new byte[256];
    private bool _inTransaction;
    private int _pending;

    static SqliteJournal() => Batteries_V2.Init();

    public SqliteJournal(string path)
    {
        _path = path;
        int rc = raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null);
        try
        {
            Check(rc, "open");
            Check(raw.sqlite3_exec(_db, Schema), "create the schema");
            _begin = Prepare("BEGIN");
            _commit = Prepare("COMMIT");
            _rollback = Prepare("ROLLBACK");
            _insertSignal = Prepare(
                "INSERT INTO signals (time_ms, row_start_ms, symbol, source, kind, price, delta, vol, imb, vwap, poc, decision, reason, quantity, risk_amount, est_fees) " +
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
            _upsertOrder = Prepare(
                "INSERT INTO orders (client_order_id, time_ms, symbol, side, type, role, quantity, price, stop_price, reduce_only, status, updated_ms) " +
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?2) " +
                "ON CONFLICT(client_order_id) DO UPDATE SET status = excluded.status, updated_ms = excluded.updated_ms");
            _updateOrderStatus = Prepare("UPDATE orders SET status = ?2, updated_ms = ?3 WHERE client_order_id = ?1");
            _insertFill = Prepare(
                "INSERT INTO fills (client_order_id, time_ms, symbol, side, price, quantity, fee, maker, realized_pnl) " +
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
            _insertPosition = Prepare(
                "INSERT INTO positions (symbol, side, opened_ms, closed_ms, quantity, entry_price, exit_price, realized_pnl, fees, exit_reason) " +
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            _insertBreaker = Prepare("INSERT INTO breaker (time_ms, state) VALUES (?1, ?2)");
            _insertFeedGap = Prepare("INSERT INTO feed_gaps (symbol, from_id, to_id, from_time_ms, to_time_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
        }
        catch
        {
            DisposeStatements();
            throw;
        }
    }

    public long Rows { get; private set; }

    public void Add(in JournalSignal s)
    {
        sqlite3_stmt q = Begin(_insertSignal);
        Int(q, 1, s.TimeMs);
        Int(q, 2, s.RowStartMs);
        Text(q, 3, s.Symbol);
        Text(q, 4, s.Source);
        Text(q, 5, s.Kind);
        Real(q, 6, s.Price);
        Real(q, 7, s.Delta);
        Real(q, 8, s.Volume);
        Real(q, 9, s.Imbalance);
        Int(q, 10, s.Vwap);
        Int(q, 11, s.Poc);
        Text(q, 12, s.Decision);
        Text(q, 13, s.Reason);
        Text(q, 14, s.Quantity);
        Text(q, 15, s.RiskAmount);
        Text(q, 16, s.EstimatedFees);
        Execute(q);
    }

    public void Add(in JournalOrder o)
    {
        sqlite3_stmt q = Begin(_upsertOrder);
        Int(q, 1, o.ClientOrderId);
        Int(q, 2, o.TimeMs);
        Text(q, 3, o.Symbol);
        Text(q, 4, o.Side);
        Text(q, 5, o.Type);
        Text(q, 6, o.Role);
        Text(q, 7, o.Quantity);
        Text(q, 8, o.Price);
        Text(q, 9, o.StopPrice);
        Int(q, 10, o.ReduceOnly ? 1 : 0);
        Text(q, 11, o.Status);
        Execute(q);
    }

    public void UpdateOrderStatus(long clientOrderId, string status, long timeMs)
    {
        sqlite3_stmt q = Begin(_updateOrderStatus);
        Int(q, 1, clientOrderId);
        Text(q, 2, status);
        Int(q, 3, timeMs);
        Execute(q);
    }

    public void Add(in JournalFill f)
    {
        sqlite3_stmt q = Begin(_insertFill);
        Int(q, 1, f.ClientOrderId);
        Int(q, 2, f.TimeMs);
        Text(q, 3, f.Symbol);
        Text(q, 4, f.Side);
        Text(q, 5, f.Price);
        Text(q, 6, f.Quantity);
        Text(q, 7, f.Fee);
        Int(q, 8, f.Maker ? 1 : 0);
        Text(q, 9, f.RealizedPnl);
        Execute(q);
    }

    public void Add(in JournalPosition p)
    {
        sqlite3_stmt q = Begin(_insertPosition);
        Text(q, 1, p.Symbol);
        Text(q, 2, p.Side);
        Int(q, 3, p.OpenedMs);
        Int(q, 4, p.ClosedMs);
        Text(q, 5, p.Quantity);
        Text(q, 6, p.EntryPrice);
        Text(q, 7, p.ExitPrice);
        Text(q, 8, p.RealizedPnl);
        Text(q, 9, p.Fees);
        Text(q, 10, p.ExitReason);
        Execute(q);
    }

    /// <summary>The circuit breaker moved to <paramref name="state"/> (Active, Reducing, Halted) at <paramref name="timeMs"/>.</summary>
    public void AddBreakerChange(long timeMs, string state)
    {
        sqlite3_stmt q = Begin(_insertBreaker);
        Int(q, 1, timeMs);
        Text(q, 2, state);
        Execute(q);
    }

    /// <summary>A run of aggTrade ids the live feed could not backfill (table <c>feed_gaps</c>).</summary>
    public void AddFeedGap(string symbol, long fromId, long toId, long fromTimeMs, long toTimeMs)
    {
        sqlite3_stmt q = Begin(_insertFeedGap);
        Text(q, 1, symbol);
        Int(q, 2, fromId);
        Int(q, 3, toId);
        Int(q, 4, fromTimeMs);
        Int(q, 5, toTimeMs);
        Execute(q);
    }

    /// <summary>
    /// Commits the open batch. A failed commit (disk full) rolls the batch back and throws an <see cref="IOException"/>:
    /// the database keeps every batch committed before, whole, and none of this one.
    /// </summary>
    public void Flush()
    {
        if (!_inTransaction)
        {
            return;
        }

        int rc = Step(_commit);
        if (rc != raw.SQLITE_DONE)
        {
            throw Abandon(rc);
        }

        _inTransaction = false;
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
            DisposeStatements();
        }
    }

    private void DisposeStatements()
    {
        _insertSignal?.Dispose();
        _upsertOrder?.Dispose();
        _updateOrderStatus?.Dispose();
        _insertFill?.Dispose();
        _insertPosition?.Dispose();
        _insertBreaker?.Dispose();
        _insertFeedGap?.Dispose();
        _begin?.Dispose();
        _commit?.Dispose();
        _rollback?.Dispose();
        _db?.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt statement), "prepare a statement");
        return statement;
    }

    private void Check(int rc, string what)
    {
        if (rc != raw.SQLITE_OK)
        {
            string message = _db is null || _db.IsInvalid ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(_db).utf8_to_string();
            throw new IOException($"{_path}: cannot {what}: {message} (SQLite error {rc})");
        }
    }

    /// <summary>Opens the batch's transaction if none is open; returns the statement to bind.</summary>
    private sqlite3_stmt Begin(sqlite3_stmt statement)
    {
        if (!_inTransaction)
        {
            int rc = Step(_begin);
            if (rc != raw.SQLITE_DONE)
            {
                throw Abandon(rc);
            }

            _inTransaction = true;
        }

        return statement;
    }

    private void Execute(sqlite3_stmt statement)
    {
        int rc = Step(statement);
        raw.sqlite3_clear_bindings(statement);
        if ((rc & 0xFF) is raw.SQLITE_CONSTRAINT or raw.SQLITE_MISMATCH or raw.SQLITE_TOOBIG or raw.SQLITE_RANGE)
        {
            // This record is refused (SQLite undid the statement alone); the batch and the journal carry on.
            throw new InvalidOperationException($"{_path}: {raw.sqlite3_errmsg(_db).utf8_to_string()} (SQLite error {rc}; the record was not written)");
        }

        if (rc != raw.SQLITE_DONE)
        {
            throw Abandon(rc);
        }

        Rows++;
        if (++_pending >= BatchSize)
        {
            Flush();
        }
    }

    private static int Step(sqlite3_stmt statement)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        return rc;
    }

    private static void Int(sqlite3_stmt q, int index, long value) => raw.sqlite3_bind_int64(q, index, value);

    private static void Int(sqlite3_stmt q, int index, long? value)
    {
        if (value is long v)
        {
            raw.sqlite3_bind_int64(q, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(q, index);
        }
    }

    private static void Real(sqlite3_stmt q, int index, double value)
    {
        if (double.IsNaN(value))
        {
            throw new InvalidOperationException("cannot store NaN in a REAL column (SQLite would make it NULL)"); // the record is skipped
        }

        raw.sqlite3_bind_double(q, index, value);
    }

    private void Text(sqlite3_stmt q, int index, string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _text.Length)
        {
            _text = new byte[Math.Max(max, _text.Length * 2)];
        }

        int length = Encoding.UTF8.GetBytes(value, _text);
        raw.sqlite3_bind_text(q, index, _text.AsSpan(0, length)); // SQLite copies it (SQLITE_TRANSIENT)
    }

    /// <summary>A decimal as its invariant text (what <c>decimal.ToString(CultureInfo.InvariantCulture)</c> gives), or NULL.</summary>
    private void Text(sqlite3_stmt q, int index, decimal? value)
    {
        if (value is not decimal v)
        {
            raw.sqlite3_bind_null(q, index);
            return;
        }

        if (!v.TryFormat(_text, out int length, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{v} does not fit the journal's text buffer"); // 256 bytes hold any decimal
        }

        raw.sqlite3_bind_text(q, index, _text.AsSpan(0, length));
    }

    /// <summary>
    /// After a failed statement or commit (SQLite may have rolled the transaction back itself: using it again was the
    /// issue's "SqliteTransaction has completed"), drops the open batch and says so as an I/O error.
    /// </summary>
    private IOException Abandon(int rc)
    {
        string message = raw.sqlite3_errmsg(_db).utf8_to_string();
        if (_inTransaction && raw.sqlite3_get_autocommit(_db) == 0)
        {
            Step(_rollback); // fails harmlessly when SQLite rolled it back already
        }

        _inTransaction = false;
        _pending = 0;
        return new IOException($"{_path}: {message} (SQLite error {rc}; its open batch was rolled back; the batches committed before it are whole)");
    }
}
