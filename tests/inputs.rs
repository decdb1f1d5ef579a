use rust_decimal_macros::dec;
use spacescore_core::input::{parse_number, read, NumberProblem, Reading};
use spacescore_core::{Field, Value};

fn field(rubric: &str, id: &str) -> Field {
    let c = spacescore_builtin::catalog();
    c.rubric(rubric)
        .expect("rubric")
        .field(id)
        .unwrap_or_else(|| panic!("{rubric} reads {id}"))
        .clone()
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

#[test]
fn numbers_are_read_the_way_people_type_them() {
    let cases = [
        ("12", dec!(12)),
        ("１２", dec!(12)),
        ("  7 ", dec!(7)),
        ("\u{3000}7\u{3000}", dec!(7)),
        ("1,200", dec!(1200)),
        ("１，２００", dec!(1200)),
        ("12,345,678.5", dec!(12345678.5)),
        ("0.2", dec!(0.2)),
        (".5", dec!(0.5)),
        ("5.", dec!(5)),
        ("＋3", dec!(3)),
        ("-4", dec!(-4)),
        ("１２．５", dec!(12.5)),
        ("007", dec!(7)),
    ];
    for (typed, want) in cases {
        assert_eq!(parse_number(typed), Ok(Some(want)), "reading {typed:?}");
    }
    assert_eq!(
        parse_number("   "),
        Ok(None),
        "blank is not given, not zero"
    );
}

#[test]
fn what_is_not_a_plain_number_is_refused_without_panicking() {
    for typed in [
        "NaN", "nan", "inf", "-inf", "Infinity", "0x10", "1e5", "1E-3", "12abc", "--3", "1.2.3",
        ".", "+", "一百", "½", "1_000", "1 200",
    ] {
        assert_eq!(
            parse_number(typed),
            Err(NumberProblem::NotANumber),
            "reading {typed:?}"
        );
    }
    for typed in ["1,20", "12,34,567", ",123", "1234,567"] {
        assert_eq!(
            parse_number(typed),
            Err(NumberProblem::Grouping),
            "reading {typed:?}"
        );
    }
    for typed in [
        "10000000000000",
        "1000000000000.5",
        "99999999999999999999999999999999999",
        "-2000000000000",
    ] {
        assert_eq!(
            parse_number(typed),
            Err(NumberProblem::TooLarge),
            "reading {typed:?}"
        );
    }
    assert_eq!(parse_number("0.123456789"), Err(NumberProblem::TooPrecise));
    assert_eq!(
        parse_number("1000000000000"),
        Ok(Some(dec!(1000000000000))),
        "a trillion is the limit, inclusive"
    );
}

#[test]
fn a_count_refuses_fractions_and_negatives_naming_the_field() {
    let f = field("inner-mongolia/maker-space", "mentors");
    let e = read(&f, &text("3.5")).expect_err("a fraction of a mentor");
    assert_eq!(e.field, "mentors");
    assert!(e.message.contains("「签约创业导师数」"), "{}", e.message);
    assert!(e.message.contains("整数"), "{}", e.message);
    assert!(e.message_en.contains("whole number"), "{}", e.message_en);
    let e = read(&f, &text("-2")).expect_err("negative");
    assert!(e.message.contains("不能为负数"), "{}", e.message);
    let e = read(&f, &text("abc")).expect_err("text");
    assert!(e.message.contains("“abc”无法识别为数字"), "{}", e.message);
    assert_eq!(
        read(&f, &text("3.0")),
        Ok(Some(Reading::Number(dec!(3)))),
        "3.0 is a whole number"
    );
    assert_eq!(read(&f, &text("-0")), Ok(Some(Reading::Number(dec!(0)))));
}

#[test]
fn a_trailing_unit_matching_the_field_is_accepted() {
    let area = field("inner-mongolia/maker-space", "site_area");
    for typed in ["500平方米", "500 平米", "500㎡", "500m²", "５００平米"] {
        assert_eq!(
            read(&area, &text(typed)),
            Ok(Some(Reading::Number(dec!(500)))),
            "{typed}"
        );
    }
    let staff = field("inner-mongolia/maker-space", "service_staff");
    assert_eq!(
        read(&staff, &text("12人")),
        Ok(Some(Reading::Number(dec!(12))))
    );
    let e = read(&staff, &text("12平米")).expect_err("the wrong unit");
    assert!(e.message.contains("无法识别"), "{}", e.message);
    let e = read(&staff, &text("12%")).expect_err("a percentage in a count");
    assert!(e.message.contains("不是百分比"), "{}", e.message);
}

#[test]
fn a_self_score_above_its_maximum_is_an_error_not_clamped() {
    let f = field("xinxiang/professional", "score.regional");
    let e = read(&f, &text("10.5")).expect_err("above 10");
    assert!(e.message.contains("不能超过满分 10 分"), "{}", e.message);
    assert!(
        e.message.contains("带动区域创新创业"),
        "the message names the item: {}",
        e.message
    );
    assert_eq!(read(&f, &text("9.5")), Ok(Some(Reading::Number(dec!(9.5)))));
    assert_eq!(read(&f, &text("10")), Ok(Some(Reading::Number(dec!(10)))));
    assert!(read(&f, &text("-1")).is_err());
}

#[test]
fn a_bounded_count_refuses_values_above_its_bound() {
    let f = field("xinxiang/comprehensive", "torch_monthly_missed");
    let e = read(&f, &text("13")).expect_err("13 monthly reports in a year");
    assert!(e.message.contains("不能超过 12"), "{}", e.message);
    assert_eq!(read(&f, &text("12")), Ok(Some(Reading::Number(dec!(12)))));
}

#[test]
fn yes_and_no_are_read_in_both_languages() {
    let f = field("xinxiang/comprehensive", "public_service_platform");
    for yes in ["是", "有", "yes", "Y", "TRUE", "1", " 是 "] {
        assert_eq!(read(&f, &text(yes)), Ok(Some(Reading::Bool(true))), "{yes}");
    }
    for no in ["否", "无", "no", "n", "false", "0"] {
        assert_eq!(read(&f, &text(no)), Ok(Some(Reading::Bool(false))), "{no}");
    }
    assert_eq!(read(&f, &Value::Bool(true)), Ok(Some(Reading::Bool(true))));
    assert_eq!(read(&f, &text("")), Ok(None));
    let e = read(&f, &text("maybe")).expect_err("neither");
    assert!(
        e.message.contains("是") && e.message.contains("否"),
        "{}",
        e.message
    );
}

#[test]
fn checklist_choices_are_read_by_id_or_name() {
    let f = field("inner-mongolia/maker-space", "hardware_facilities");
    let want = Ok(Some(Reading::Choices(vec![
        "showroom".into(),
        "broadband".into(),
    ])));
    assert_eq!(
        read(&f, &text("宽带网络、产品展示")),
        want,
        "names, any order, sorted into the field's order"
    );
    assert_eq!(
        read(
            &f,
            &Value::List(vec![
                "broadband".into(),
                "showroom".into(),
                "showroom".into()
            ])
        ),
        want,
        "ids, repeats ignored"
    );
    assert_eq!(
        read(&f, &Value::List(vec![])),
        Ok(Some(Reading::Choices(vec![]))),
        "an empty list is an answer: none"
    );
    let e = read(&f, &text("产品展示，火箭发射")).expect_err("not a choice");
    assert!(e.message.contains("“火箭发射”不是"), "{}", e.message);
}

#[test]
fn a_signed_amount_may_be_negative_but_not_absurd() {
    let f = field("shanxi/annual-report", "net_profit");
    assert_eq!(
        read(&f, &text("-35.5")),
        Ok(Some(Reading::Number(dec!(-35.5))))
    );
    assert!(read(&f, &text("-9000000000000")).is_err());
}

#[test]
fn the_wrong_shape_of_value_is_an_error() {
    let count = field("inner-mongolia/maker-space", "mentors");
    assert!(read(&count, &Value::Bool(true)).is_err());
    assert!(read(&count, &Value::List(vec!["1".into()])).is_err());
}
