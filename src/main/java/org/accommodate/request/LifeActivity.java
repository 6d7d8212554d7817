package org.accommodate.request;

/** Major life activities a functional limitation may concern (42 U.S.C. 12102(2)). */
public enum LifeActivity implements Field.Keyword {
  CARING_FOR_ONESELF("caring-for-oneself", "caring for oneself", "el cuidado personal"),
  PERFORMING_MANUAL_TASKS("performing-manual-tasks", "performing manual tasks", "realizar tareas manuales"),
  SEEING("seeing", "seeing", "ver"),
  HEARING("hearing", "hearing", "oír"),
  EATING("eating", "eating", "comer"),
  SLEEPING("sleeping", "sleeping", "dormir"),
  WALKING("walking", "walking", "caminar"),
  STANDING("standing", "standing", "estar de pie"),
  LIFTING("lifting", "lifting", "levantar peso"),
  BENDING("bending", "bending", "agacharse"),
  SPEAKING("speaking", "speaking", "hablar"),
  BREATHING("breathing", "breathing", "respirar"),
  LEARNING("learning", "learning", "aprender"),
  READING("reading", "reading", "leer"),
  CONCENTRATING("concentrating", "concentrating", "concentrarse"),
  THINKING("thinking", "thinking", "pensar"),
  COMMUNICATING("communicating", "communicating", "comunicarse"),
  WORKING("working", "working", "trabajar");

  private final String keyword;
  private final String english;
  private final String spanish;

  LifeActivity(String keyword, String english, String spanish) {
    this.keyword = keyword;
    this.english = english;
    this.spanish = spanish;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  public String in(Language language) {
    return language == Language.ES ? spanish : english;
  }
}
