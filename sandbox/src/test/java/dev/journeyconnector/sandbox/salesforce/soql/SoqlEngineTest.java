package dev.journeyconnector.sandbox.salesforce.soql;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

@SuppressWarnings("unchecked")
class SoqlEngineTest {

    private InMemoryOrg org;
    private SoqlEngine engine;
    private String ada;
    private String bob;
    private String acme;
    private String globex;
    private String sale;
    private String grace;
    private String alan;
    private String lovelace;
    private String obrien;
    private String linus;
    private String call;
    private String email;
    private String note;

    @BeforeEach
    void buildOrg() {
        org = new InMemoryOrg();
        ada = org.add("User", "Name", "Ada Admin", "Email", "ada@example.com");
        bob = org.add("User", "Name", "Bob Builder", "Email", "bob@example.com");
        acme = org.add("Account", "Name", "Acme", "OwnerId", ada, "Industry", "Technology",
                "AnnualRevenue", new BigDecimal("1000000.50"), "NumberOfEmployees", 250L,
                "Description", "long text", "CreatedDate", Instant.parse("2026-01-10T09:00:00Z"));
        globex = org.add("Account", "Name", "Globex", "OwnerId", bob, "AnnualRevenue", new BigDecimal("50000"),
                "NumberOfEmployees", 12L, "CreatedDate", Instant.parse("2026-03-01T00:00:00Z"));
        sale = org.add("Account", "Name", "50% Off_Sale", "Industry", "Retail");
        grace = org.add("Contact", "FirstName", "Grace", "LastName", "Hopper", "Email", "grace@acme.example",
                "AccountId", acme, "OwnerId", bob, "Birthdate", LocalDate.of(1906, 12, 9),
                "HasOptedOutOfEmail", false, "SystemModstamp", Instant.parse("2026-05-01T10:00:00Z"));
        alan = org.add("Contact", "FirstName", "alan", "LastName", "turing", "Email", "alan@globex.example",
                "AccountId", globex, "OwnerId", ada, "Birthdate", LocalDate.of(1912, 6, 23),
                "HasOptedOutOfEmail", true, "SystemModstamp", Instant.parse("2026-05-01T12:00:00Z"));
        lovelace = org.add("Contact", "FirstName", "Ada", "LastName", "Lovelace", "OwnerId", ada,
                "HasOptedOutOfEmail", false, "SystemModstamp", Instant.parse("2026-04-30T23:59:59Z"));
        obrien = org.add("Contact", "FirstName", "Pat", "LastName", "O'Brien", "AccountId", sale,
                "HasOptedOutOfEmail", false, "SystemModstamp", Instant.parse("2026-05-02T00:00:00Z"));
        org.stored(obrien).put("IsDeleted", true);
        linus = org.add("Lead", "FirstName", "Linus", "LastName", "Torvalds", "Company", "Back\\slash\tTab");
        call = org.add("Task", "Subject", "Call", "WhoId", grace, "ActivityDate", LocalDate.of(2026, 5, 1));
        email = org.add("Task", "Subject", "Email", "WhoId", linus);
        note = org.add("Task", "Subject", "Note");
        engine = new SoqlEngine(org, Clock.fixed(Instant.parse("2026-05-02T08:00:00Z"), ZoneOffset.UTC));
    }

    private List<Map<String, Object>> query(String soql) {
        return engine.execute(SoqlQuery.parse(soql), false);
    }

    private List<Object> ids(String soql) {
        return query(soql).stream().map(row -> row.get("Id")).toList();
    }

    private SoqlException failure(String soql) {
        return catchThrowableOfType(() -> query(soql), SoqlException.class);
    }

    @Nested
    class Selecting {

        @Test
        void keysUseTheSchemasCanonicalNamesInSelectOrderWhateverCaseWasWritten() {
            List<Map<String, Object>> rows = query("select lastname, ID from CONTACT where id = '" + grace + "'");

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).keySet()).containsExactly("LastName", "Id");
            assertThat(rows.get(0)).containsExactly(entry("LastName", "Hopper"), entry("Id", grace));
        }

        @Test
        void anEmptyFieldIsPresentWithANullValue() {
            Map<String, Object> row = query("SELECT Email FROM Contact WHERE Id = '" + lovelace + "'").get(0);

            assertThat(row).containsKey("Email");
            assertThat(row.get("Email")).isNull();
        }

        @Test
        void resultRowsAreCopiesTheCallerMayChange() {
            Map<String, Object> first = query("SELECT Name, Owner.Email FROM Account WHERE Name = 'Acme'").get(0);
            first.put("Name", "changed");
            ((Map<String, Object>) first.get("Owner")).put("Email", "changed");

            Map<String, Object> again = query("SELECT Name, Owner.Email FROM Account WHERE Name = 'Acme'").get(0);
            assertThat(again.get("Name")).isEqualTo("Acme");
            assertThat(again.get("Owner")).isEqualTo(Map.of("type", "User", "Email", "ada@example.com"));
            assertThat(org.stored(acme).get("Name")).isEqualTo("Acme");
            assertThat(org.stored(ada).get("Email")).isEqualTo("ada@example.com");
        }

        @Test
        void deletedRowsAppearOnlyForQueryAll() {
            SoqlQuery q = SoqlQuery.parse("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien'");

            assertThat(engine.execute(q, false)).isEmpty();
            assertThat(engine.execute(q, true)).extracting(row -> row.get("Id")).containsExactly(obrien);
        }
    }

    @Nested
    class ParentRelationships {

        @Test
        void aParentFieldIsANestedMapCarryingTheParentsType() {
            Map<String, Object> row = query("SELECT LastName, Account.Name FROM Contact WHERE Id = '" + grace + "'").get(0);

            assertThat(row).containsExactly(entry("LastName", "Hopper"),
                    entry("Account", Map.of("type", "Account", "Name", "Acme")));
        }

        @Test
        void anEmptyReferenceGivesNullForTheRelationship() {
            Map<String, Object> row = query("SELECT account.name, Account.Industry FROM Contact WHERE Id = '" + lovelace + "'")
                    .get(0);

            assertThat(row).containsOnlyKeys("Account");
            assertThat(row.get("Account")).isNull();
        }

        @Test
        void fieldsOfTheSameParentShareOneNestedMapAndTwoLevelsNest() {
            Map<String, Object> row = query(
                    "SELECT Account.Name, Account.Owner.Email, Owner.Name FROM Contact WHERE Id = '" + alan + "'").get(0);

            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("type", "User");
            owner.put("Email", "bob@example.com");
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("type", "Account");
            account.put("Name", "Globex");
            account.put("Owner", owner);
            assertThat(row).containsExactly(entry("Account", account),
                    entry("Owner", Map.of("type", "User", "Name", "Ada Admin")));
            assertThat(((Map<String, Object>) row.get("Account")).keySet()).containsExactly("type", "Name", "Owner");
        }

        @Test
        void aNullGrandparentReferenceGivesNullInsideTheParent() {
            Map<String, Object> row = queryAll("SELECT Account.Name, Account.Owner.Email FROM Contact WHERE Id = '"
                    + obrien + "'").get(0);

            Map<String, Object> account = new HashMap<>();
            account.put("type", "Account");
            account.put("Name", "50% Off_Sale");
            account.put("Owner", null);
            assertThat(row.get("Account")).isEqualTo(account);
        }

        private List<Map<String, Object>> queryAll(String soql) {
            return engine.execute(SoqlQuery.parse(soql), true);
        }

        @Test
        void aPolymorphicReferenceResolvesByTheIdsKeyPrefix() {
            List<Map<String, Object>> rows = query("SELECT Subject, Who.LastName FROM Task ORDER BY Subject");

            assertThat(rows).containsExactly(
                    Map.of("Subject", "Call", "Who", Map.of("type", "Contact", "LastName", "Hopper")),
                    Map.of("Subject", "Email", "Who", Map.of("type", "Lead", "LastName", "Torvalds")),
                    nullValued("Subject", "Note", "Who"));
        }

        @Test
        void aPolymorphicParentWithoutTheFieldGivesNullForIt() {
            Map<String, Object> row = query("SELECT Who.Company FROM Task WHERE Id = '" + call + "'").get(0);

            assertThat(row.get("Who")).isEqualTo(nullValued("type", "Contact", "Company"));
        }

        @Test
        void parentFieldsCanBeFiltered() {
            assertThat(ids("SELECT Id FROM Contact WHERE Account.Name = 'ACME'")).containsExactly(grace);
            assertThat(ids("SELECT Id FROM Contact WHERE Account.Owner.Email = 'bob@example.com'")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Task WHERE Who.LastName = 'torvalds'")).containsExactly(email);
            assertThat(ids("SELECT Id FROM Contact WHERE Account.Name = null")).containsExactly(lovelace);
        }

        private Map<String, Object> nullValued(String key, Object value, String nullKey) {
            Map<String, Object> map = new HashMap<>();
            map.put(key, value);
            map.put(nullKey, null);
            return map;
        }
    }

    @Nested
    class Comparing {

        @Test
        void textEqualityIgnoresCase() {
            assertThat(ids("SELECT Id FROM Contact WHERE LastName = 'TURING'")).containsExactly(alan);
        }

        @Test
        void notEqualsInBothSpellingsAlsoMatchesEmptyFields() {
            assertThat(ids("SELECT Id FROM Contact WHERE Email != 'GRACE@acme.example'")).containsExactly(alan, lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE Email <> 'grace@acme.example'")).containsExactly(alan, lovelace);
        }

        @Test
        void orderingOperatorsCompareNumbersAndSkipEmptyFields() {
            assertThat(ids("SELECT Id FROM Account WHERE NumberOfEmployees > 12")).containsExactly(acme);
            assertThat(ids("SELECT Id FROM Account WHERE NumberOfEmployees >= 12")).containsExactly(acme, globex);
            assertThat(ids("SELECT Id FROM Account WHERE NumberOfEmployees < 250")).containsExactly(globex);
            assertThat(ids("SELECT Id FROM Account WHERE NumberOfEmployees <= 250")).containsExactly(acme, globex);
            assertThat(ids("SELECT Id FROM Account WHERE AnnualRevenue > 50000.25")).containsExactly(acme);
            assertThat(ids("SELECT Id FROM Account WHERE AnnualRevenue > -1.5")).containsExactly(acme, globex);
            assertThat(ids("SELECT Id FROM Account WHERE NumberOfEmployees = 12.0")).containsExactly(globex);
        }

        @Test
        void orderingOperatorsCompareTextIgnoringCase() {
            assertThat(ids("SELECT Id FROM Contact WHERE LastName < 'LOVELACE'")).containsExactly(grace);
            assertThat(ids("SELECT Id FROM Contact WHERE LastName >= 'lovelace'")).containsExactly(alan, lovelace);
        }

        @Test
        void dateTimeLiteralsInEveryZoneForm() {
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp >= 2026-05-01T10:00:00Z"))
                    .containsExactly(grace, alan);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = 2026-05-01T12:00:00.000Z")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = 2026-05-01T14:00:00+02:00")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = 2026-05-01T07:00:00-0500")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp < 2026-05-01T10:00:00Z")).containsExactly(lovelace);
        }

        @Test
        void dateLiteralsCompareDateFields() {
            assertThat(ids("SELECT Id FROM Contact WHERE Birthdate < 1910-01-01")).containsExactly(grace);
            assertThat(ids("SELECT Id FROM Contact WHERE Birthdate = 1912-06-23")).containsExactly(alan);
        }

        @Test
        void booleanLiteralsInAnyCase() {
            assertThat(ids("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = TRUE")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = false")).containsExactly(grace, lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE HasOptedOutOfEmail != true")).containsExactly(grace, lovelace);
        }

        @Test
        void nullTestsForEmptiness() {
            assertThat(ids("SELECT Id FROM Contact WHERE Email = null")).containsExactly(lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE Email != NULL")).containsExactly(grace, alan);
            assertThat(ids("SELECT Id FROM Contact WHERE AccountId = null")).containsExactly(lovelace);
        }

        @Test
        void anEmptyStringCountsAsEmpty() {
            org.add("Lead", "LastName", "Blank", "Company", "");

            assertThat(query("SELECT LastName FROM Lead WHERE Company = null"))
                    .extracting(row -> row.get("LastName")).containsExactly("Blank");
        }

        @Test
        void idLiteralsMayBeFifteenOrEighteenCharacters() {
            String grace15 = grace.substring(0, 15);

            assertThat(ids("SELECT Id FROM Contact WHERE Id = '" + grace15 + "'")).containsExactly(grace);
            assertThat(ids("SELECT Id FROM Contact WHERE AccountId IN ('" + acme.substring(0, 15) + "', '" + globex + "')"))
                    .containsExactly(grace, alan);
            assertThat(ids("SELECT Id FROM Task WHERE WhoId != '" + grace15 + "'")).containsExactly(email, note);
        }

        @Test
        void idsOrderLikeTheirCreationSoCursorsCanResumeAfterAnId() {
            assertThat(ids("SELECT Id FROM Contact WHERE Id > '" + grace + "'")).containsExactly(alan, lovelace);
        }

        @Test
        void inAndNotInMatchAnyListedValue() {
            assertThat(ids("SELECT Id FROM Contact WHERE LastName IN ('hopper', 'Turing', 'nobody')"))
                    .containsExactly(grace, alan);
            assertThat(ids("SELECT Id FROM Contact WHERE LastName NOT IN ('hopper', 'Turing')")).containsExactly(lovelace);
            assertThat(ids("SELECT Id FROM Account WHERE Industry NOT IN ('Technology')")).containsExactly(globex, sale);
            assertThat(ids("SELECT Id FROM Account WHERE Industry IN ('Technology', null)")).containsExactly(acme, globex);
            assertThat(ids("SELECT Id FROM Account WHERE NumberOfEmployees IN (12, 13)")).containsExactly(globex);
        }
    }

    @Nested
    class Like {

        @Test
        void percentAndUnderscoreAreWildcardsAndMatchingIgnoresCase() {
            assertThat(ids("SELECT Id FROM Contact WHERE LastName LIKE 'h%'")).containsExactly(grace);
            assertThat(ids("SELECT Id FROM Contact WHERE LastName LIKE '_URING'")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE 'Acm_'")).containsExactly(acme);
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE 'Acm'")).isEmpty();
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE '%O%'")).containsExactly(globex, sale);
        }

        @Test
        void escapedWildcardsMatchOnlyThemselves() {
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE '50\\% Off\\_Sale'")).containsExactly(sale);
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE '50\\%%'")).containsExactly(sale);
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE 'Glob\\_x'")).isEmpty();
            assertThat(ids("SELECT Id FROM Account WHERE Name LIKE '%\\%'")).isEmpty();
        }

        @Test
        void regexCharactersInThePatternAreLiteral() {
            org.add("Lead", "LastName", "a.c(d)*", "Company", "x");

            assertThat(query("SELECT LastName FROM Lead WHERE LastName LIKE 'a.c(d)*'")).hasSize(1);
            assertThat(query("SELECT LastName FROM Lead WHERE LastName LIKE 'a.c%'")).hasSize(1);
            assertThat(query("SELECT LastName FROM Lead WHERE LastName LIKE 'abc%'")).isEmpty();
        }

        @Test
        void emptyFieldsNeverMatch() {
            assertThat(ids("SELECT Id FROM Contact WHERE Email LIKE '%'")).containsExactly(grace, alan);
        }
    }

    @Nested
    class StringEscapes {

        @Test
        void quoteBackslashAndControlEscapesDecode() {
            assertThat(engine.execute(SoqlQuery.parse("SELECT Id FROM Contact WHERE LastName = 'o\\'brien'"), true))
                    .extracting(row -> row.get("Id")).containsExactly(obrien);
            assertThat(ids("SELECT Id FROM Lead WHERE Company = 'Back\\\\slash\\tTab'")).containsExactly(linus);
            assertThat(ids("SELECT Id FROM Lead WHERE Company = 'Back\\\\slash\\nTab'")).isEmpty();
        }

        @Test
        void newlineAndQuoteEscapesReachTheValue() {
            org.add("Lead", "LastName", "Multi", "Company", "Line1\nLine2 \"quoted\"\r\f\b");

            assertThat(query("SELECT LastName FROM Lead WHERE Company = 'Line1\\nLine2 \\\"quoted\\\"\\r\\f\\b'"))
                    .extracting(row -> row.get("LastName")).containsExactly("Multi");
        }

        @Test
        void escapedWildcardsOutsideLikeArePlainCharacters() {
            assertThat(ids("SELECT Id FROM Account WHERE Name = '50\\% Off\\_Sale'")).containsExactly(sale);
        }
    }

    @Nested
    class Logic {

        @Test
        void parenthesesGroupOrInsideAnd() {
            assertThat(ids("SELECT Id FROM Contact WHERE (LastName = 'Hopper' OR LastName = 'Turing') "
                    + "AND HasOptedOutOfEmail = false")).containsExactly(grace);
        }

        @Test
        void parenthesesGroupAndInsideOr() {
            assertThat(ids("SELECT Id FROM Contact WHERE LastName = 'Hopper' OR (LastName = 'Turing' AND Email = null)"))
                    .containsExactly(grace);
            assertThat(ids("SELECT Id FROM Contact WHERE LastName = 'Lovelace' or (LastName = 'Turing' and Email != null)"))
                    .containsExactly(alan, lovelace);
        }

        @Test
        void chainsOfOneConnectiveNeedNoParentheses() {
            assertThat(ids("SELECT Id FROM Contact WHERE LastName = 'Hopper' OR LastName = 'Turing' OR Email = null"))
                    .containsExactly(grace, alan, lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = false AND Email != null AND "
                    + "Account.Name = 'Acme'")).containsExactly(grace);
        }

        @Test
        void notNegatesTheNextConditionBeforeAndApplies() {
            assertThat(ids("SELECT Id FROM Contact WHERE NOT LastName = 'Hopper'")).containsExactly(alan, lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE NOT LastName = 'Hopper' AND Email != null")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Contact WHERE NOT (LastName = 'Hopper' OR Email = null)")).containsExactly(alan);
            assertThat(ids("SELECT Id FROM Contact WHERE NOT LastName LIKE 'h%'")).containsExactly(alan, lovelace);
        }
    }

    @Nested
    class Ordering {

        @Test
        void ascendingPutsNullsFirstAndDescendingPutsThemLast() {
            assertThat(ids("SELECT Id FROM Account ORDER BY Industry")).containsExactly(globex, sale, acme);
            assertThat(ids("SELECT Id FROM Account ORDER BY Industry DESC")).containsExactly(acme, sale, globex);
            assertThat(ids("SELECT Id FROM Account ORDER BY Industry ASC NULLS LAST")).containsExactly(sale, acme, globex);
            assertThat(ids("SELECT Id FROM Account ORDER BY Industry DESC NULLS FIRST")).containsExactly(globex, acme, sale);
        }

        @Test
        void textSortsIgnoringCase() {
            assertThat(query("SELECT FirstName FROM Contact ORDER BY FirstName"))
                    .extracting(row -> row.get("FirstName")).containsExactly("Ada", "alan", "Grace");
        }

        @Test
        void laterFieldsBreakTies() {
            assertThat(query("SELECT LastName FROM Contact ORDER BY HasOptedOutOfEmail, LastName DESC"))
                    .extracting(row -> row.get("LastName")).containsExactly("Lovelace", "Hopper", "turing");
        }

        @Test
        void parentFieldsAndDatesSort() {
            assertThat(ids("SELECT Id FROM Contact ORDER BY Account.Name DESC NULLS LAST")).containsExactly(alan, grace, lovelace);
            assertThat(ids("SELECT Id FROM Contact ORDER BY SystemModstamp DESC")).containsExactly(alan, grace, lovelace);
            assertThat(ids("SELECT Id FROM Contact ORDER BY Birthdate DESC")).containsExactly(alan, grace, lovelace);
            assertThat(ids("SELECT Id FROM Account ORDER BY AnnualRevenue")).containsExactly(sale, globex, acme);
        }

        @Test
        void rowsEqualOnEveryKeyKeepTheirOrder() {
            assertThat(ids("SELECT Id FROM Contact ORDER BY HasOptedOutOfEmail")).containsExactly(grace, lovelace, alan);
        }
    }

    @Nested
    class LimitAndCount {

        @Test
        void limitCutsTheSortedRows() {
            assertThat(ids("SELECT Id FROM Contact ORDER BY LastName DESC LIMIT 2")).containsExactly(alan, lovelace);
            assertThat(ids("SELECT Id FROM Contact LIMIT 0")).isEmpty();
        }

        @Test
        void countCountsMatchingRows() {
            SoqlQuery all = SoqlQuery.parse("SELECT COUNT() FROM Contact");

            assertThat(all.isCountQuery()).isTrue();
            assertThat(engine.count(all, false)).isEqualTo(3);
            assertThat(engine.count(all, true)).isEqualTo(4);
            assertThat(engine.count(SoqlQuery.parse("select count() from Contact where Email != null"), false)).isEqualTo(2);
            assertThat(engine.count(SoqlQuery.parse("SELECT COUNT() FROM Contact LIMIT 1"), false)).isEqualTo(1);
            assertThat(engine.execute(all, false)).isEmpty();
        }

        @Test
        void countOfAnOrdinaryQueryIsItsRowCount() {
            assertThat(engine.count(SoqlQuery.parse("SELECT Id FROM Account WHERE Industry != null"), false)).isEqualTo(2);
        }
    }

    @Nested
    class DateKeywords {
        // The engine's clock reads 2026-05-02T08:00Z, so TODAY is 2026-05-02 (UTC).

        @Test
        void todayYesterdayAndTomorrowAreWholeDaysOnDateTimeFields() {
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = YESTERDAY")).containsExactly(grace, alan);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = TODAY")).isEmpty();
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp < YESTERDAY")).containsExactly(lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp <= YESTERDAY")).containsExactly(grace, alan, lovelace);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp > YESTERDAY")).isEmpty();
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp >= YESTERDAY")).containsExactly(grace, alan);
        }

        @Test
        void lastNDaysIncludesTodayAndTheNDaysBefore() {
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = LAST_N_DAYS:1")).containsExactly(grace, alan);
            assertThat(ids("SELECT Id FROM Contact WHERE SystemModstamp = LAST_N_DAYS:2"))
                    .containsExactly(grace, alan, lovelace);
        }

        @Test
        void dateFieldsTakeTheKeywordsToo() {
            assertThat(ids("SELECT Id FROM Task WHERE ActivityDate = YESTERDAY")).containsExactly(call);
            assertThat(ids("SELECT Id FROM Task WHERE ActivityDate < TODAY")).containsExactly(call);
            assertThat(ids("SELECT Id FROM Task WHERE ActivityDate = NEXT_N_DAYS:3")).isEmpty();
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownObjectIsInvalidType() {
            SoqlException e = failure("SELECT Id FROM Foo");

            assertThat(e.exceptionCode()).isEqualTo("INVALID_TYPE");
            assertThat(e.getMessage()).isEqualTo("\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n"
                    + "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to "
                    + "append the '__c' after the entity name. Please reference your WSDL or the describe call for the "
                    + "appropriate names.");
            assertThat(e.row()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(16);
        }

        @Test
        void unknownFieldIsInvalidFieldWordedLikeSalesforce() {
            SoqlException e = failure("SELECT Id, Foo FROM Contact");

            assertThat(e.exceptionCode()).isEqualTo("INVALID_FIELD");
            assertThat(e.getMessage()).isEqualTo("\nSELECT Id, Foo FROM Contact\n           ^\nERROR at Row:1:Column:12\n"
                    + "No such column 'Foo' on entity 'Contact'. If you are attempting to use a custom field, be sure to "
                    + "append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
                    + "the appropriate names.");
        }

        @Test
        void unknownFieldsAreFoundInWhereOrderByAndOnParents() {
            assertThat(failure("SELECT Id FROM Contact WHERE Foo = 'x'").getMessage())
                    .contains("No such column 'Foo' on entity 'Contact'");
            assertThat(failure("SELECT Id FROM Contact ORDER BY Foo").getMessage())
                    .contains("No such column 'Foo' on entity 'Contact'");
            assertThat(failure("SELECT Account.Foo FROM Contact").getMessage())
                    .contains("No such column 'Foo' on entity 'Account'");
            assertThat(failure("SELECT Who.Foo FROM Task").getMessage())
                    .contains("No such column 'Foo' on entity 'Name'");
        }

        @Test
        void unknownRelationshipIsInvalidField() {
            SoqlException e = failure("SELECT Foo.Name FROM Contact");

            assertThat(e.exceptionCode()).isEqualTo("INVALID_FIELD");
            assertThat(e.getMessage()).contains("\nERROR at Row:1:Column:8\nDidn't understand relationship 'Foo' in field path.");
            assertThat(failure("SELECT AccountId.Name FROM Contact").getMessage())
                    .contains("Didn't understand relationship 'AccountId' in field path.");
            assertThat(failure("SELECT Who.Account.Name FROM Task").getMessage())
                    .contains("Didn't understand relationship 'Account' in field path.");
        }

        @Test
        void longTextCanBeNeitherFilteredNorSorted() {
            SoqlException filtered = failure("SELECT Id FROM Contact WHERE description = 'x'");
            SoqlException sorted = failure("SELECT Id FROM Contact ORDER BY Description");

            assertThat(filtered.exceptionCode()).isEqualTo("INVALID_FIELD");
            assertThat(filtered.getMessage()).endsWith("\nfield 'Description' can not be filtered in a query call");
            assertThat(sorted.exceptionCode()).isEqualTo("INVALID_FIELD");
            assertThat(sorted.getMessage()).endsWith("\nfield 'Description' can not be sorted in a query call");
        }

        @Test
        void aDateLiteralOnADateTimeFieldIsRefused() {
            SoqlException e = failure("SELECT Id FROM Contact WHERE SystemModstamp >= 2026-05-01");

            assertThat(e.exceptionCode()).isEqualTo("INVALID_FIELD");
            assertThat(e.getMessage()).endsWith("\nERROR at Row:1:Column:48\nvalue of filter criterion for field "
                    + "'SystemModstamp' must be of type dateTime and should not be enclosed in quotes");
        }

        @Test
        void literalsOfTheWrongKindAreRefused() {
            assertThat(failure("SELECT Id FROM Contact WHERE LastName = 5").getMessage())
                    .endsWith("value of filter criterion for field 'LastName' must be of type string and should be enclosed in quotes");
            assertThat(failure("SELECT Id FROM Contact WHERE SystemModstamp = '2026-05-01T10:00:00Z'").getMessage())
                    .endsWith("must be of type dateTime and should not be enclosed in quotes");
            assertThat(failure("SELECT Id FROM Contact WHERE Birthdate = 2026-05-01T10:00:00Z").getMessage())
                    .endsWith("must be of type date and should not be enclosed in quotes");
            assertThat(failure("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 'true'").getMessage())
                    .endsWith("must be of type boolean and should not be enclosed in quotes");
            assertThat(failure("SELECT Id FROM Account WHERE NumberOfEmployees = '12'").getMessage())
                    .endsWith("must be of type integer and should not be enclosed in quotes");
            assertThat(failure("SELECT Id FROM Account WHERE AnnualRevenue IN (1, 'x')").exceptionCode())
                    .isEqualTo("INVALID_FIELD");
        }

        @Test
        void aMalformedIdLiteralIsAFilterOperatorError() {
            SoqlException e = failure("SELECT Id FROM Contact WHERE AccountId = '001abc'");

            assertThat(e.exceptionCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
            assertThat(e.getMessage()).endsWith("\ninvalid ID field: 001abc");
        }

        @Test
        void likeOnAnIdAndOrderingOnABooleanAreRefused() {
            SoqlException like = failure("SELECT Id FROM Contact WHERE Id LIKE '003%'");
            SoqlException ordering = failure("SELECT Id FROM Contact WHERE HasOptedOutOfEmail > false");

            assertThat(like.exceptionCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
            assertThat(like.getMessage()).endsWith("\ninvalid operator on id field");
            assertThat(ordering.exceptionCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
            assertThat(ordering.getMessage()).endsWith("\ninvalid operator on boolean field");
        }

        @Test
        void aFieldSelectedTwiceIsRefused() {
            SoqlException e = failure("SELECT LastName, Account.Name, lastname FROM Contact");

            assertThat(e.exceptionCode()).isEqualTo("INVALID_FIELD");
            assertThat(e.getMessage()).endsWith("\nduplicate field selected: lastname");
        }

        @Test
        void parseErrorsAreMalformedQuery() {
            assertThatThrownBy(() -> query("SELECT Id FROM Contact WHERE"))
                    .isInstanceOfSatisfying(SoqlException.class,
                            e -> assertThat(e.exceptionCode()).isEqualTo("MALFORMED_QUERY"));
        }
    }

    @Test
    void filtersAndSortsTenThousandRowsQuickly() {
        InMemoryOrg big = new InMemoryOrg();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            // Modstamps repeat every 500 rows so that Id has to break ties.
            big.add("Contact", "LastName", "C" + i, "SystemModstamp", base.plusSeconds((i * 7919L) % 500));
        }
        SoqlEngine bigEngine = new SoqlEngine(big);
        SoqlQuery page = SoqlQuery.parse("SELECT Id, SystemModstamp FROM Contact WHERE SystemModstamp >= "
                + "2026-01-01T00:05:00Z ORDER BY SystemModstamp, Id");
        bigEngine.execute(page, false);

        long start = System.nanoTime();
        List<Map<String, Object>> rows = bigEngine.execute(page, false);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(rows).hasSize(200 * 20);
        for (int i = 1; i < rows.size(); i++) {
            Instant previous = (Instant) rows.get(i - 1).get("SystemModstamp");
            Instant current = (Instant) rows.get(i).get("SystemModstamp");
            assertThat(previous).isBeforeOrEqualTo(current);
            if (previous.equals(current)) {
                assertThat((String) rows.get(i - 1).get("Id")).isLessThan((String) rows.get(i).get("Id"));
            }
        }
        assertThat(rows.get(0).get("SystemModstamp")).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        // Generous bound: a single filter pass and one sort take a few milliseconds; re-parsing per row would not.
        assertThat(millis).isLessThan(1_000);
    }
}
