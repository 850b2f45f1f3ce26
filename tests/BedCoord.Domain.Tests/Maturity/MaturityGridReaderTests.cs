using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Maturity;
using Xunit;

namespace BedCoord.Domain.Tests.Maturity;

public class MaturityGridReaderTests
{
    internal static string DemoGridPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "data", "maturite-grille-demonstration.json");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("data/maturite-grille-demonstration.json");
    }

    private static MaturityGrid? Json(string text, FieldErrors errors)
    {
        using var doc = JsonDocument.Parse(text);
        return MaturityGridReader.FromJson(doc.RootElement, errors);
    }

    [Fact]
    public void The_demonstration_grid_has_the_six_themes_36_scored_questions_and_a_BJML_item_without_non_concerne()
    {
        var errors = new FieldErrors();
        var grid = Json(File.ReadAllText(DemoGridPath()), errors);

        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.True(grid!.Demonstration);
        Assert.Equal(["La fonction de bed manager", "Le pilotage", "Les outils", "Les leviers internes", "Les leviers parcours", "Les procédures"],
            grid.Themes.Select(t => t.Label));
        Assert.Equal(36, grid.Questions.Count(q => !q.Qualitative));
        var bjml = Assert.Single(grid.Questions, q => q.Bjml);
        Assert.False(bjml.NotApplicableAllowed);
    }

    [Fact]
    public void A_CSV_grid_reads_one_row_per_option()
    {
        const string csv = """
            theme;theme_label;question;text;weight;qualitative;non_concerne;bjml;option;option_label;points
            pilotage;Le pilotage;PI3;Le BJML est suivi;2;non;non;oui;non-calculable;BJML non calculable;0
            ;;PI3;;;;;;quotidien;Suivi chaque jour;4
            outils;Les outils;OU1;Un logiciel de gestion des lits;1,5;non;oui;non;pas-encore;Pas encore mis en place;0
            ;;OU1;;;;;;efficient;Utilisé et efficient;4
            """;
        var errors = new FieldErrors();
        var grid = MaturityGridReader.FromCsv(csv, "2026.2", "Grille officielle", false, null, errors);

        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(["pilotage", "outils"], grid!.Themes.Select(t => t.Id));
        Assert.Equal(1.5, grid.Question("OU1")!.Weight);
        Assert.True(grid.Question("PI3")!.Bjml);
        Assert.Equal(["non-calculable", "quotidien"], grid.Question("PI3")!.Options.Select(o => o.Id));
    }

    [Theory]
    [InlineData("""{"version":"x","title":"t","themes":[{"id":"A","label":"A"}],"questions":[{"id":"Q","theme":"A","text":"t","bjml":true,"notApplicableAllowed":true,"options":[{"id":"o","label":"o","points":1}]}]}""", "questions[0].notApplicableAllowed")]
    [InlineData("""{"version":"x","title":"t","themes":[{"id":"A","label":"A"}],"questions":[{"id":"Q","theme":"B","text":"t","options":[{"id":"o","label":"o","points":1}]}]}""", "questions[0].theme")]
    [InlineData("""{"version":"x","title":"t","themes":[{"id":"A","label":"A"}],"questions":[{"id":"Q","theme":"A","text":"t","weight":0,"options":[{"id":"o","label":"o","points":1}]}]}""", "questions[0].weight")]
    [InlineData("""{"version":"x","title":"t","themes":[{"id":"A","label":"A"}],"questions":[{"id":"Q","theme":"A","text":"t","options":[{"id":"o","label":"o","points":"1"}]}]}""", "questions[0].options[0].points")]
    [InlineData("""{"title":"t","themes":[{"id":"A","label":"A"}],"questions":[]}""", "version")]
    public void A_wrong_grid_is_refused_naming_the_field(string json, string field)
    {
        var errors = new FieldErrors();
        Assert.Null(Json(json, errors));
        Assert.True(errors.Has(field), errors.ToString());
    }

    [Fact]
    public void Answers_are_refused_naming_the_question_for_another_version_an_unknown_option_or_a_forbidden_non_concerne()
    {
        var grid = MaturityScoringTests.V1;
        using var doc = JsonDocument.Parse("""{"Q1":"a9","Q4":"non-concerne","Q7":"oui","Q2":"non-concerne","Q5":"oui"}""");
        var errors = new FieldErrors();

        Assert.Null(MaturityAnswerValidator.Read(doc.RootElement, "v1", grid, errors));
        Assert.True(errors.Has("answers.Q1"));   // unknown option
        Assert.True(errors.Has("answers.Q4"));   // BJML: no "non concerné"
        Assert.True(errors.Has("answers.Q7"));   // not in this grid
        Assert.False(errors.Has("answers.Q2"));  // allowed there
        Assert.False(errors.Has("answers.Q5"));

        var stale = new FieldErrors();
        using var ok = JsonDocument.Parse("""{"Q5":"oui"}""");
        Assert.Null(MaturityAnswerValidator.Read(ok.RootElement, "v0", grid, stale));
        Assert.True(stale.Has("gridVersion"));
    }
}
