using BedCoord.Domain.Territory;
using Xunit;
using static BedCoord.Domain.Tests.Territory.TestTerritory;

namespace BedCoord.Domain.Tests.Territory;

public class TerritoryCatalogTests
{
    [Fact]
    public void Each_node_knows_its_parent_up_to_the_region()
    {
        Assert.Equal(Establishment(ChuToulouse), Catalog.ParentOf(Unit(ChuToulouse, "rea")));
        Assert.Equal(Department("31"), Catalog.ParentOf(Establishment(ChuToulouse)));
        Assert.Equal(Sector("OUEST"), Catalog.ParentOf(Department("31")));
        Assert.Equal(Region("OCC"), Catalog.ParentOf(Sector("OUEST")));
        Assert.Null(Catalog.ParentOf(Region("OCC")));
        Assert.Null(Catalog.ParentOf(Department("99")));
    }

    [Fact]
    public void Children_are_listed_in_document_order_at_every_level()
    {
        Assert.Equal([Sector("OUEST"), Sector("NORD")], Catalog.ChildrenOf(Region("OCC")));
        Assert.Equal([Department("31"), Department("32")], Catalog.ChildrenOf(Sector("OUEST")));
        Assert.Equal([Establishment(ChuToulouse), Establishment(CliniqueToulouse)], Catalog.ChildrenOf(Department("31")));
        Assert.Equal([Unit(ChuToulouse, "med-polyvalente"), Unit(ChuToulouse, "rea")], Catalog.ChildrenOf(Establishment(ChuToulouse)));
        Assert.Empty(Catalog.ChildrenOf(Unit(ChuToulouse, "rea")));
        Assert.Empty(Catalog.ChildrenOf(Region("IDF")));
    }

    [Fact]
    public void Self_and_ancestors_walk_from_a_unit_to_its_region()
    {
        Assert.Equal(
            [Unit(ChAjaccio, "med"), Establishment(ChAjaccio), Department("2A"), Sector("CORSE"), Region("COR")],
            Catalog.SelfAndAncestors(Unit(ChAjaccio, "med")));
        Assert.Equal([Region("OCC")], Catalog.SelfAndAncestors(Region("OCC")));
        Assert.Empty(Catalog.SelfAndAncestors(Unit(ChAjaccio, "nope")));
    }

    [Fact]
    public void Units_with_the_same_slug_in_two_establishments_are_distinct()
    {
        Assert.NotEqual(Catalog.ParentOf(Unit(ChAuch, "med")), Catalog.ParentOf(Unit(ChRodez, "med")));
        Assert.True(Catalog.Contains(ScopeKind.Unit, $"{ChRodez}/med"));
        Assert.False(Catalog.Contains(ScopeKind.Unit, "med"));
    }

    [Fact]
    public void Establishments_and_units_are_found_by_finess_and_slug()
    {
        var chu = Catalog.Establishment(ChuToulouse);
        Assert.NotNull(chu);
        Assert.Equal("CHU Toulouse", chu.Name);
        Assert.Equal("31", chu.DepartmentCode);

        var rea = Catalog.Unit(ChuToulouse, "rea");
        Assert.NotNull(rea);
        Assert.Equal("REA", rea.Category);

        Assert.Null(Catalog.Unit(ChuToulouse, "chir"));      // a unit of another establishment
        Assert.Null(Catalog.Unit(CliniqueToulouse, "rea"));
        Assert.Null(Catalog.Establishment("999999999"));
    }

    [Fact]
    public void Names_version_and_establishment_list_come_from_the_document()
    {
        Assert.Equal("Haute-Garonne", Catalog.NameOf(Department("31")));
        Assert.Equal("Corse", Catalog.NameOf(Region("COR")));
        Assert.Null(Catalog.NameOf(Department("75")));
        Assert.Equal(3, Catalog.Version);
        Assert.Equal(
            new[] { ChuToulouse, CliniqueToulouse, ChAuch, ChRodez, ChAjaccio }.Order(),
            Catalog.Establishments().Select(e => e.Id).Order());
    }

    [Fact]
    public void A_scope_of_the_wrong_kind_is_not_found()
    {
        Assert.False(Catalog.Contains(new ScopeRef(ScopeKind.Sector, "31")));
        Assert.True(Catalog.Contains(Department("31")));
    }
}

public class IdentifiersTests
{
    [Theory]
    [InlineData("310781406", true)]
    [InlineData("090000183", true)]   // leading zero kept
    [InlineData("2A0000001", true)]   // Corse-du-Sud
    [InlineData("2B0000001", true)]   // Haute-Corse
    [InlineData("97100001X", false)]
    [InlineData("31078140", false)]   // 8 characters
    [InlineData("3107814060", false)] // 10 characters
    [InlineData("2C0000001", false)]
    [InlineData("2a0000001", false)]
    [InlineData("A10000001", false)]
    [InlineData(" 310781406", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Finess_is_nine_characters_with_2A_2B_for_Corsica(string? s, bool expected) =>
        Assert.Equal(expected, Identifiers.IsFiness(s));

    [Theory]
    [InlineData("med-polyvalente", true)]
    [InlineData("a", true)]
    [InlineData("rea-2", true)]
    [InlineData("0123456789012345678901234567890123456789", true)]   // 40
    [InlineData("01234567890123456789012345678901234567890", false)] // 41
    [InlineData("", false)]
    [InlineData("Med", false)]
    [InlineData("med polyvalente", false)]
    [InlineData("med_polyvalente", false)]
    [InlineData("médecine", false)]
    [InlineData("med/rea", false)]
    [InlineData(null, false)]
    public void Unit_slug_is_lower_case_letters_digits_and_dashes_up_to_40(string? s, bool expected) =>
        Assert.Equal(expected, Identifiers.IsUnitSlug(s));

    [Theory]
    [InlineData("09", true)]
    [InlineData("31", true)]
    [InlineData("2A", true)]
    [InlineData("2B", true)]
    [InlineData("971", true)]
    [InlineData("976", true)]
    [InlineData("9", false)]
    [InlineData("2a", false)]
    [InlineData("9710", false)]
    [InlineData("AB", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Department_codes_are_insee_strings(string? s, bool expected) =>
        Assert.Equal(expected, Identifiers.IsDepartmentCode(s));

    [Theory]
    [InlineData("OCC", true)]
    [InlineData("NORD", true)]
    [InlineData("occ", false)]
    [InlineData("O", false)]
    [InlineData(null, false)]
    public void Region_and_sector_codes_are_upper_case(string? s, bool expected) =>
        Assert.Equal(expected, Identifiers.IsCode(s));

    [Fact]
    public void Unit_key_joins_finess_and_slug_and_splits_back()
    {
        var key = Identifiers.UnitKey("2A0000001", "med-polyvalente");
        Assert.Equal("2A0000001/med-polyvalente", key);
        Assert.Equal(("2A0000001", "med-polyvalente"), Identifiers.SplitUnitKey(key));
    }
}

public class ScopeRefTests
{
    [Theory]
    [InlineData("department:31", ScopeKind.Department, "31")]
    [InlineData("regions:OCC", ScopeKind.Region, "OCC")]
    [InlineData("Sector:OUEST", ScopeKind.Sector, "OUEST")]
    [InlineData("establishment:2A0000001", ScopeKind.Establishment, "2A0000001")]
    [InlineData("unit:310781406/rea", ScopeKind.Unit, "310781406/rea")]
    [InlineData("units:310781406/a:b", ScopeKind.Unit, "310781406/a:b")]
    public void Scope_strings_parse_kind_and_id(string text, ScopeKind kind, string id)
    {
        Assert.True(ScopeRef.TryParse(text, out var scope));
        Assert.Equal(new ScopeRef(kind, id), scope);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("department")]
    [InlineData("department31")]
    [InlineData("department:")]
    [InlineData(":31")]
    [InlineData("county:31")]
    [InlineData("dept:31")]
    public void Malformed_scope_strings_are_refused(string? text) =>
        Assert.False(ScopeRef.TryParse(text, out _));

    [Fact]
    public void A_scope_prints_as_the_singular_kind_and_reads_back()
    {
        var scope = new ScopeRef(ScopeKind.Department, "2A");
        Assert.Equal("department:2A", scope.ToString());
        Assert.True(ScopeRef.TryParse(scope.ToString(), out var back));
        Assert.Equal(scope, back);
    }
}

public class BedCategoryTests
{
    [Theory]
    [InlineData("MED", "MCO", false)]
    [InlineData("UHCD", "MCO", false)]
    [InlineData("REA", "MCO", true)]
    [InlineData("USI", "MCO", true)]
    [InlineData("USC", "MCO", true)]
    [InlineData("SMR", "SMR", false)]
    [InlineData("HAD", "HAD", false)]
    [InlineData("EHPAD", "EHPAD", false)]
    public void Categories_belong_to_the_groups_of_the_domain(string code, string group, bool critical)
    {
        var c = BedCategory.Get(code);
        Assert.Equal(group, c.Group);
        Assert.Equal(critical, c.CriticalCare);
    }

    [Fact]
    public void The_thirteen_categories_are_known_and_nothing_else()
    {
        Assert.Equal(13, BedCategory.All.Count);
        Assert.False(BedCategory.TryGet("med", out _));
        Assert.False(BedCategory.TryGet(null, out _));
        Assert.Throws<ArgumentException>(() => BedCategory.Get("ICU"));
    }
}
