using System.Buffers.Text;
using System.Text.Json;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// Decodes user-data frames (raw, or in the combined <c>{"stream":…,"data":…}</c> envelope) into
/// <see cref="OrderUpdate"/>, <see cref="AlgoUpdate"/> and <see cref="AccountUpdate"/> values with a
/// <see cref="Utf8JsonReader"/> over the frame's bytes: no <see cref="JsonDocument"/>, no strings, no allocation.
/// One instance per receiving thread; the decoded values are valid until the next <see cref="Parse"/>.
/// </summary>
public sealed partial class UserEventParser
{
    /// <summary>Positions one ACCOUNT_UPDATE may carry; more are counted in <see cref="PositionsDropped"/>.</summary>
    public const int MaxPositions = 32;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    private readonly SymbolRegistry _symbols;
    private readonly byte[] _prefix;
    private readonly AccountUpdate[] _positions = new AccountUpdate[MaxPositions];
    private OrderUpdate _order;
    private AlgoUpdate _algo;
    private AccountUpdate _balance;
    private int _positionCount;
    private bool _hasBalance;

    /// <param name="symbols">The run's symbols; others decode as <see cref="SymbolId.None"/>.</param>
    /// <param name="clientIdPrefix">The prefix of the engine's client order ids (<c>{prefix}-{n}</c>).</param>
    public UserEventParser(SymbolRegistry symbols, string clientIdPrefix)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentException.ThrowIfNullOrEmpty(clientIdPrefix);
        _symbols = symbols;
        _prefix = System.Text.Encoding.ASCII.GetBytes(clientIdPrefix + "-");
    }

    public ref readonly OrderUpdate Order => ref _order;

    public ref readonly AlgoUpdate Algo => ref _algo;

    /// <summary>The quote-asset balance of the last ACCOUNT_UPDATE, when it had one (<see cref="HasBalance"/>).</summary>
    public ref readonly AccountUpdate Balance => ref _balance;

    public bool HasBalance => _hasBalance;

    /// <summary>The positions of the last ACCOUNT_UPDATE.</summary>
    public ReadOnlySpan<AccountUpdate> Positions => _positions.AsSpan(0, _positionCount);

    /// <summary>Event time (<c>E</c>) of the last frame, Unix epoch ms.</summary>
    public long EventTimeMs { get; private set; }

    /// <summary>Positions beyond <see cref="MaxPositions"/> in one update, dropped (a count; the receiving thread only).</summary>
    public long PositionsDropped { get; private set; }

    /// <summary>Decodes one frame; the returned type says which of the decoded values it filled.</summary>
    public UserEventType Parse(ReadOnlySpan<byte> frame)
    {
        try
        {
            return ParseObject(frame, envelope: true);
        }
        catch (JsonException)
        {
            return UserEventType.Malformed; // bad input is normal input: the caller counts it
        }
    }

    private UserEventType ParseObject(ReadOnlySpan<byte> json, bool envelope)
    {
        var r = new Utf8JsonReader(json, ReaderOptions);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            return UserEventType.Malformed;
        }

        UserEventType type = UserEventType.Unknown;
        bool typed = false;
        int innerStart = -1, innerEnd = -1;
        EventTimeMs = 0;
        _order = default;
        _order.Symbol = SymbolId.None;
        _order.Origin = OrderOrigin.Manual; // until a client id with our prefix says otherwise
        long tradeTime = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            if (!r.Read())
            {
                return UserEventType.Malformed;
            }

            if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                int start = (int)r.TokenStartIndex;
                r.Skip();
                int end = (int)r.BytesConsumed;
                if (envelope && name.SequenceEqual("data"u8))
                {
                    return ParseObject(json[start..end], envelope: false);
                }

                if (name.SequenceEqual("o"u8) || name.SequenceEqual("a"u8))
                {
                    innerStart = start;
                    innerEnd = end;
                }

                continue;
            }

            ReadOnlySpan<byte> v = r.ValueSpan;
            if (name.Length == 1)
            {
                switch (name[0])
                {
                    case (byte)'e':
                        type = TypeOf(v);
                        typed = true;
                        break;
                    case (byte)'E':
                        EventTimeMs = Long(v);
                        break;
                    case (byte)'T':
                        tradeTime = Long(v);
                        break;
                    default:
                        OrderField(ref _order, name, v, r.TokenType); // TRADE_LITE keeps its fields at the top
                        break;
                }
            }
        }

        if (!typed)
        {
            return UserEventType.Malformed;
        }

        switch (type)
        {
            case UserEventType.OrderTradeUpdate:
                if (innerStart < 0 || !ParseOrder(json[innerStart..innerEnd]))
                {
                    return UserEventType.Malformed;
                }

                _order.EventTimeMs = EventTimeMs;
                break;
            case UserEventType.TradeLite:
                _order.Execution = ExecutionType.Trade;
                _order.TradeTimeMs = tradeTime;
                _order.EventTimeMs = EventTimeMs;
                Classify(ref _order);
                if (_order.VenueId.IsNone || _order.TradeId == 0)
                {
                    return UserEventType.Malformed;
                }

                break;
            case UserEventType.AlgoUpdate:
                if (innerStart < 0 || !ParseAlgo(json[innerStart..innerEnd]))
                {
                    return UserEventType.Malformed;
                }

                _algo.EventTimeMs = EventTimeMs;
                break;
            case UserEventType.AccountUpdate:
                if (innerStart < 0 || !ParseAccount(json[innerStart..innerEnd]))
                {
                    return UserEventType.Malformed;
                }

                break;
        }

        return type;
    }

    private bool ParseOrder(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json, ReaderOptions);
        r.Read();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                r.Skip();
                continue;
            }

            OrderField(ref _order, name, r.ValueSpan, r.TokenType);
        }

        Classify(ref _order);
        return !_order.VenueId.IsNone && _order.Execution != ExecutionType.Unknown;
    }

    /// <summary>One field of an order update (the names ORDER_TRADE_UPDATE's <c>o</c> and TRADE_LITE share).</summary>
    private void OrderField(ref OrderUpdate o, ReadOnlySpan<byte> name, ReadOnlySpan<byte> v, JsonTokenType token)
    {
        if (name.Length == 1)
        {
            switch (name[0])
            {
                case (byte)'s': o.Symbol = SymbolOf(v); break;
                case (byte)'c': o.ClientId = ClientIdOf(v, out o.Origin); break;
                case (byte)'S': o.Side = SideOf(v); break;
                case (byte)'q': o.OriginalQuantity = new Quantity(Fixed(v)); break;
                case (byte)'p': o.Price = new Price(Fixed(v)); break;
                case (byte)'x': o.Execution = ExecutionOf(v); break;
                case (byte)'X': o.Status = StatusOf(v); break;
                case (byte)'i': o.VenueId = new OrderId(Long(v)); break;
                case (byte)'l': o.LastQuantity = new Quantity(Fixed(v)); break;
                case (byte)'z': o.CumulativeQuantity = new Quantity(Fixed(v)); break;
                case (byte)'L': o.LastPrice = new Price(Fixed(v)); break;
                case (byte)'N': o.CommissionInQuote = v.SequenceEqual("USDT"u8); break;
                case (byte)'n': o.Commission = new Money(Fixed(v)); break;
                case (byte)'T': o.TradeTimeMs = Long(v); break;
                case (byte)'t': o.TradeId = Long(v); break;
                case (byte)'m': o.IsMaker = token == JsonTokenType.True; break;
                case (byte)'R': o.ReduceOnly = token == JsonTokenType.True; break;
            }
        }
        else if (name.SequenceEqual("rp"u8))
        {
            o.RealizedProfit = new Money(Fixed(v));
        }
        else if (name.SequenceEqual("er"u8))
        {
            o.ExpiryReason = (int)Long(v);
        }
    }

    /// <summary>Liquidation, ADL and settlement ids, or CALCULATED / NEW_ADL / NEW_INSURANCE, win over the id's prefix.</summary>
    private static void Classify(ref OrderUpdate o)
    {
        if (o.Status == VenueOrderStatus.NewAdl)
        {
            o.Origin = OrderOrigin.Adl;
        }
        else if (o.Origin is OrderOrigin.Engine or OrderOrigin.Manual
                 && (o.Execution == ExecutionType.Calculated || o.Status == VenueOrderStatus.NewInsurance))
        {
            o.Origin = OrderOrigin.Liquidation;
        }

        if (o.Origin != OrderOrigin.Engine)
        {
            o.ClientId = ClientOrderId.None;
        }
    }

    private SymbolId SymbolOf(ReadOnlySpan<byte> v) => _symbols.TryGet(v, out SymbolId id) ? id : SymbolId.None;

    /// <summary><c>{prefix}-{n}</c> with n &gt; 0 is ours; the venue's special ids and anything else are not.</summary>
    private ClientOrderId ClientIdOf(ReadOnlySpan<byte> v, out OrderOrigin origin)
    {
        if (v.StartsWith(_prefix) && Utf8Parser.TryParse(v[_prefix.Length..], out long n, out int used) && used == v.Length - _prefix.Length && n > 0)
        {
            origin = OrderOrigin.Engine;
            return new ClientOrderId(n);
        }

        origin = v.StartsWith("autoclose-"u8) ? OrderOrigin.Liquidation
            : v.StartsWith("adl_autoclose"u8) ? OrderOrigin.Adl
            : v.StartsWith("settlement_autoclose"u8) ? OrderOrigin.Settlement
            : OrderOrigin.Manual;
        return ClientOrderId.None;
    }

    private static long Long(ReadOnlySpan<byte> v) => Utf8Parser.TryParse(v, out long n, out int used) && used == v.Length ? n : 0;

    private static long Fixed(ReadOnlySpan<byte> v) => FixedPoint.TryParse(v, out long e8) ? e8 : 0;

    private static Side SideOf(ReadOnlySpan<byte> v) => v.SequenceEqual("BUY"u8) ? Side.Buy : v.SequenceEqual("SELL"u8) ? Side.Sell : default;

    private static UserEventType TypeOf(ReadOnlySpan<byte> v) =>
        v.SequenceEqual("ORDER_TRADE_UPDATE"u8) ? UserEventType.OrderTradeUpdate
        : v.SequenceEqual("TRADE_LITE"u8) ? UserEventType.TradeLite
        : v.SequenceEqual("ACCOUNT_UPDATE"u8) ? UserEventType.AccountUpdate
        : v.SequenceEqual("ALGO_UPDATE"u8) ? UserEventType.AlgoUpdate
        : v.SequenceEqual("listenKeyExpired"u8) ? UserEventType.ListenKeyExpired
        : v.SequenceEqual("MARGIN_CALL"u8) ? UserEventType.MarginCall
        : v.SequenceEqual("ACCOUNT_CONFIG_UPDATE"u8) ? UserEventType.AccountConfigUpdate
        : UserEventType.Unknown;

    private static ExecutionType ExecutionOf(ReadOnlySpan<byte> v) =>
        v.SequenceEqual("TRADE"u8) ? ExecutionType.Trade
        : v.SequenceEqual("NEW"u8) ? ExecutionType.New
        : v.SequenceEqual("CANCELED"u8) ? ExecutionType.Canceled
        : v.SequenceEqual("EXPIRED"u8) ? ExecutionType.Expired
        : v.SequenceEqual("CALCULATED"u8) ? ExecutionType.Calculated
        : v.SequenceEqual("AMENDMENT"u8) ? ExecutionType.Amendment
        : ExecutionType.Unknown;

    private static VenueOrderStatus StatusOf(ReadOnlySpan<byte> v) =>
        v.SequenceEqual("NEW"u8) ? VenueOrderStatus.New
        : v.SequenceEqual("PARTIALLY_FILLED"u8) ? VenueOrderStatus.PartiallyFilled
        : v.SequenceEqual("FILLED"u8) ? VenueOrderStatus.Filled
        : v.SequenceEqual("CANCELED"u8) ? VenueOrderStatus.Canceled
        : v.SequenceEqual("EXPIRED"u8) ? VenueOrderStatus.Expired
        : v.SequenceEqual("EXPIRED_IN_MATCH"u8) ? VenueOrderStatus.ExpiredInMatch
        : v.SequenceEqual("REJECTED"u8) ? VenueOrderStatus.Rejected
        : v.SequenceEqual("NEW_INSURANCE"u8) ? VenueOrderStatus.NewInsurance
        : v.SequenceEqual("NEW_ADL"u8) ? VenueOrderStatus.NewAdl
        : v.SequenceEqual("TRIGGERING"u8) ? VenueOrderStatus.Triggering
        : v.SequenceEqual("TRIGGERED"u8) ? VenueOrderStatus.Triggered
        : v.SequenceEqual("FINISHED"u8) ? VenueOrderStatus.Finished
        : VenueOrderStatus.Unknown;
}
