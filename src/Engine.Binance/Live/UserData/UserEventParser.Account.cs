using System.Text.Json;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

// ALGO_UPDATE's "o" and ACCOUNT_UPDATE's "a": the nested objects of the two event types that are not order updates.
public sealed partial class UserEventParser
{
    private bool ParseAlgo(ReadOnlySpan<byte> json)
    {
        _algo = default;
        _algo.Symbol = SymbolId.None;
        _algo.Origin = OrderOrigin.Manual;
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

            ReadOnlySpan<byte> v = r.ValueSpan;
            if (name.SequenceEqual("caid"u8))
            {
                _algo.ClientId = ClientIdOf(v, out _algo.Origin);
            }
            else if (name.SequenceEqual("aid"u8))
            {
                _algo.AlgoId = Long(v);
            }
            else if (name.SequenceEqual("ai"u8))
            {
                _algo.TriggeredOrderId = new OrderId(Long(v)); // "" until the trigger
            }
            else if (name.SequenceEqual("tp"u8))
            {
                _algo.TriggerPrice = new Price(Fixed(v));
            }
            else if (name.Length == 1)
            {
                switch (name[0])
                {
                    case (byte)'s': _algo.Symbol = SymbolOf(v); break;
                    case (byte)'S': _algo.Side = SideOf(v); break;
                    case (byte)'q': _algo.Quantity = new Quantity(Fixed(v)); break;
                    case (byte)'X': _algo.Status = StatusOf(v); break;
                }
            }
        }

        return _algo.AlgoId != 0 && _algo.Status != VenueOrderStatus.Unknown;
    }

    private bool ParseAccount(ReadOnlySpan<byte> json)
    {
        _hasBalance = false;
        _balance = default;
        _positionCount = 0;
        AccountUpdateReason reason = AccountUpdateReason.Other;
        var r = new Utf8JsonReader(json, ReaderOptions);
        r.Read();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool balances = r.ValueSpan.SequenceEqual("B"u8);
            bool positions = r.ValueSpan.SequenceEqual("P"u8);
            bool why = r.ValueSpan.SequenceEqual("m"u8);
            r.Read();
            if (why)
            {
                reason = ReasonOf(r.ValueSpan);
            }
            else if (r.TokenType == JsonTokenType.StartArray && (balances || positions))
            {
                while (r.Read() && r.TokenType == JsonTokenType.StartObject)
                {
                    if (balances)
                    {
                        ReadBalance(ref r);
                    }
                    else
                    {
                        ReadPosition(ref r);
                    }
                }
            }
            else if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                r.Skip();
            }
        }

        long time = EventTimeMs;
        _balance.Reason = reason;
        _balance.EventTimeMs = time;
        for (int i = 0; i < _positionCount; i++)
        {
            _positions[i].Reason = reason;
            _positions[i].EventTimeMs = time;
        }

        return true;
    }

    /// <summary>One entry of <c>B</c>; only the quote asset (USDT) is kept, the engine's money is in it.</summary>
    private void ReadBalance(ref Utf8JsonReader r)
    {
        bool quote = false;
        AccountUpdate b = default;
        b.Kind = AccountUpdateKind.Balance;
        b.Symbol = SymbolId.None;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            ReadOnlySpan<byte> v = r.ValueSpan;
            if (name.SequenceEqual("a"u8))
            {
                quote = v.SequenceEqual("USDT"u8);
            }
            else if (name.SequenceEqual("wb"u8))
            {
                b.Balance = new Money(Fixed(v));
            }
            else if (name.SequenceEqual("bc"u8))
            {
                b.Change = new Money(Fixed(v));
            }
        }

        if (quote)
        {
            _balance = b;
            _hasBalance = true;
        }
    }

    /// <summary>One entry of <c>P</c>: symbol, signed amount, entry price, accumulated realised (<c>cr</c>).</summary>
    private void ReadPosition(ref Utf8JsonReader r)
    {
        AccountUpdate p = default;
        p.Kind = AccountUpdateKind.Position;
        p.Symbol = SymbolId.None;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            ReadOnlySpan<byte> v = r.ValueSpan;
            if (name.SequenceEqual("s"u8))
            {
                p.Symbol = SymbolOf(v);
            }
            else if (name.SequenceEqual("pa"u8))
            {
                p.Amount = new Quantity(Fixed(v));
            }
            else if (name.SequenceEqual("ep"u8))
            {
                p.Price = new Price(Fixed(v));
            }
            else if (name.SequenceEqual("cr"u8))
            {
                p.Balance = new Money(Fixed(v));
            }
        }

        if (_positionCount == MaxPositions)
        {
            PositionsDropped++;
            return;
        }

        _positions[_positionCount++] = p;
    }

    private static AccountUpdateReason ReasonOf(ReadOnlySpan<byte> v) =>
        v.SequenceEqual("ORDER"u8) ? AccountUpdateReason.Order
        : v.SequenceEqual("FUNDING_FEE"u8) ? AccountUpdateReason.FundingFee
        : v.SequenceEqual("DEPOSIT"u8) ? AccountUpdateReason.Deposit
        : v.SequenceEqual("WITHDRAW"u8) ? AccountUpdateReason.Withdraw
        : v.SequenceEqual("MARGIN_TRANSFER"u8) ? AccountUpdateReason.MarginTransfer
        : v.SequenceEqual("ASSET_TRANSFER"u8) ? AccountUpdateReason.AssetTransfer
        : v.SequenceEqual("INSURANCE_CLEAR"u8) ? AccountUpdateReason.InsuranceClear
        : v.SequenceEqual("AUTO_EXCHANGE"u8) ? AccountUpdateReason.AutoExchange
        : AccountUpdateReason.Other;
}
