using Engine.Model;

namespace Engine.Tests.Model;

public class MoneyTests
{
    [Theory]
    [InlineData("61712.4", "0.001", "61.7124")]
    [InlineData("63834.5", "12.345", "788036.9025")]
    [InlineData("0.00000001", "0.5", "0")]          // 0.000000005 → half-to-even → 0
    [InlineData("0.00000003", "0.5", "0.00000002")] // 0.000000015 → half-to-even → 0.00000002
    [InlineData("1000000", "90000", "90000000000")]
    public void Notional_IsExactProductRoundedHalfToEven(string price, string qty, string expected)
    {
        Money notional = Money.Notional(Price.Parse(price), Quantity.Parse(qty));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), notional.ToDecimal());
    }

    [Fact]
    public void Notional_BeyondRange_ThrowsInsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => Money.Notional(Price.Parse("92233720368"), Quantity.Parse("50")));
    }

    [Fact]
    public void Times_AppliesAFeeRateExactly()
    {
        // 0.04% taker fee on 788036.9025 USDT = 315.214761 USDT
        Money fee = Money.Times(Money.FromDecimal(788036.9025m), 40_000);
        Assert.Equal(315.214761m, fee.ToDecimal());
    }

    [Fact]
    public void Notional_OfNegativeAmount_RoundsSymmetrically()
    {
        Assert.Equal(-Money.Notional(Price.Parse("0.00000003"), Quantity.Parse("0.5")).E8,
            Money.Notional(new Price(-3), Quantity.Parse("0.5")).E8);
    }
}
