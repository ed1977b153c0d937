package dev.content.bench.search;

import java.util.List;

/**
 * The search queries every search benchmark uses: questions a reader of the known-item quality set
 * types, laws by name, phrases, and the short keywords of this corpus's site (网贷, 逾期, 征信…).
 */
public final class QueryMix {
  /** In a fixed order; benchmarks cycle through it or draw from it with a fixed seed. */
  public static final List<String> QUERIES = List.of(
      "劳动合同法", "公司不签劳动合同怎么办", "个人信息被泄露 法律", "电信诈骗 法律规定", "民间借贷利息",
      "交通事故损害赔偿", "物业服务纠纷", "房屋租赁合同纠纷", "银行卡被盗刷", "医疗损害责任", "精神损害赔偿",
      "非法集资", "加班费仲裁时效", "打印遗嘱怎么写才有效", "高空坠物谁来赔偿", "惩罚性赔偿", "家庭暴力",
      "未成年人保护", "个人所得税", "电子商务法", "消费者权益保护", "社会保险", "治安管理处罚", "商标",
      "著作权纠纷", "劳动争议", "工伤保险", "网络安全", "拆迁安置补偿", "\"法律责任\"", "\"第一条\" 保护",
      "网贷", "逾期", "违约金", "征信", "催收", "律师", "起诉", "投诉", "追回");

  private QueryMix() {}

  /**
   * {@link #QUERIES} followed by queries drawn from the corpus's own titles, {@code count} distinct ones
   * in all: a window of 2 to 4 Chinese characters of a random title, and every sixth query two such
   * windows of different titles. A server that caches recent search pages then meets mostly queries it
   * has not seen, as it would from many readers; the draw is fixed by {@code seed}.
   */
  public static List<String> forTitles(List<String> titles, int count, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(QUERIES);
    List<String> han = titles.stream().map(t -> t.codePoints()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
        .filter(t -> t.length() >= 4).toList();
    if (han.isEmpty()) {
      return List.copyOf(out);
    }
    int attempts = 0;
    while (out.size() < count && attempts++ < count * 20) {
      String q = window(han.get(random.nextInt(han.size())), random);
      if (out.size() % 6 == 5) {
        q = q + " " + window(han.get(random.nextInt(han.size())), random);
      }
      out.add(q);
    }
    return List.copyOf(out);
  }

  private static String window(String title, java.util.SplittableRandom random) {
    int length = 2 + random.nextInt(3);
    int start = random.nextInt(title.length() - length + 1);
    return title.substring(start, start + length);
  }
}
