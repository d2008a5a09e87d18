using Engine.Model;

namespace Engine.Tests.Model;

public class SymbolFiltersTests
{
    private static readonly SymbolFilters Filters = new()
    {
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("0.001"),
        MarketStepSize = Quantity.Parse("0.01"),
        MinPrice = Price.Parse("100"),
        MaxPrice = Price.Parse("200"),
    };

    [Theory]
    [InlineData("123.45", "123.4", "123.5")]
    [InlineData("123.4", "123.4", "123.4")]
    [InlineData("0.05", "0", "0.1")]
    [InlineData("-0.05", "-0.1", "0")]
    public void Rounding_ToTheTick_FloorsAndCeils(string price, string floor, string ceil)
    {
        Assert.Equal(Price.Parse(floor), Filters.FloorToTick(Price.Parse(price)));
        Assert.Equal(Price.Parse(ceil), Filters.CeilToTick(Price.Parse(price)));
    }

    [Theory]
    [InlineData("0.16666666", false, "0.166")]
    [InlineData("0.16666666", true, "0.16")]
    [InlineData("0.2", false, "0.2")]
    [InlineData("0.0009", false, "0")]
    public void FloorToStep_UsesTheLotOrMarketLotStep(string qty, bool market, string expected) =>
        Assert.Equal(Quantity.Parse(expected), Filters.FloorToStep(Quantity.Parse(qty), market));

    [Theory]
    [InlineData("100", true)]
    [InlineData("200", true)]
    [InlineData("99.9", false)]
    [InlineData("200.1", false)]
    public void IsInPriceRange_IsInclusive(string price, bool expected) =>
        Assert.Equal(expected, Filters.IsInPriceRange(Price.Parse(price)));

    [Fact]
    public void IsInPriceRange_ZeroMaximum_MeansNoMaximum() =>
        Assert.True((Filters with { MaxPrice = Price.Zero }).IsInPriceRange(Price.Parse("1000000")));

    [Fact]
    public void Default_IsNotValid() => Assert.False(default(SymbolFilters).IsValid);
}
